"""The signed institution inquiry (استعلام سند) and the access log."""
from chalice import Blueprint

bp = Blueprint(__name__)
