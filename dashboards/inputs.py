"""What a callback receives comes from a browser anyone can script: it is checked before it is used."""

import flask

MAX_TEXT_LENGTH = 200


def texts(*values):
    """The values of dropdowns and the like: each text or none; anything else ends the request with 400."""
    for value in values:
        if value is not None and not (isinstance(value, str) and len(value) <= MAX_TEXT_LENGTH):
            flask.abort(400)
    return values if len(values) > 1 else values[0]


def clicks(*values) -> None:
    """A button's n_clicks: a count or none; anything else ends the request with 400."""
    for value in values:
        if value is not None and not (type(value) is int and value >= 0):
            flask.abort(400)
