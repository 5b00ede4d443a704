"""Load and fault tests run by ``make load`` (never by ``make test``)."""
