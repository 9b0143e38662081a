import pytest

from secretariat.innsyn.video import offset_label, video_link


@pytest.mark.parametrize(("url", "seconds", "expected"), [
    ("https://www.youtube.com/watch?v=abc", 754, "https://www.youtube.com/watch?v=abc&t=754"),
    ("https://youtu.be/abc?t=5", 60, "https://youtu.be/abc?t=60"),
    ("https://vimeo.com/123", 90, "https://vimeo.com/123#t=90s"),
    ("https://kommunetv.example.no/fjordvik/ks", 3725, "https://kommunetv.example.no/fjordvik/ks#t=3725"),
    ("https://kommunetv.example.no/ks", None, "https://kommunetv.example.no/ks"),
    ("", 10, ""),
])
def test_video_link_points_to_the_moment(url, seconds, expected):
    assert video_link(url, seconds) == expected


def test_offset_label_reads_like_a_clock():
    assert offset_label(754) == "12:34"
    assert offset_label(3725) == "1:02:05"
