from tests.secretariat.meetings.conftest import fsk, klar_case, meeting, member_user, parties  # noqa: F401
