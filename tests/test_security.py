"""The client address used for sign-in throttling."""

from django.test import RequestFactory

from guidelines.security import client_ip


def request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **meta)


def test_remote_addr_unless_behind_the_proxy(settings):
    settings.BEHIND_TLS_PROXY = False
    assert client_ip(request(HTTP_X_FORWARDED_FOR="198.51.100.1")) == "10.0.0.1"


def test_behind_the_proxy_the_last_forwarded_address_only(settings):
    settings.BEHIND_TLS_PROXY = True
    assert client_ip(request(HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")) == "198.51.100.1"
    assert client_ip(request(HTTP_X_FORWARDED_FOR=" 2001:db8::1 ")) == "2001:db8::1"
    # no header, or garbage in it: the proxy's own address, never the garbage
    assert client_ip(request()) == "10.0.0.1"
    assert client_ip(request(HTTP_X_FORWARDED_FOR="1.2.3.4, not-an-ip")) == "10.0.0.1"
