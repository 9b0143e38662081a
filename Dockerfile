# Saksgang's image: web (gunicorn), worker and beat (celery) and the one-off migrate service share it.
FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 URLLIB3_NO_OVERRIDE=1 \
    STATIC_ROOT=/app/static MEDIA_ROOT=/data/media
RUN apt-get update && apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-dejavu \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . /app
# gunicorn comes from pyproject.toml (pinned there); [sentry] adds the optional error reporting (SENTRY_DSN).
RUN pip install --no-cache-dir --no-binary urllib3-future ".[sentry]"
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput
# Not root: the service runs as an unprivileged user that owns only the media volume and LibreOffice's home.
RUN groupadd --system --gid 10001 saksgang \
    && useradd --system --uid 10001 --gid saksgang --home-dir /home/saksgang --create-home saksgang \
    && mkdir -p /data/media /app/var && chown -R saksgang:saksgang /data /app/var
USER saksgang
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["gunicorn", "secretariat.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
