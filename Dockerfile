FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 URLLIB3_NO_OVERRIDE=1
RUN apt-get update && apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-dejavu \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir --no-binary urllib3-future . gunicorn
RUN python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "secretariat.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
