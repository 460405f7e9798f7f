"""Record disclosure: types, the mailbox, letters, permits, verification."""
from chalice import Blueprint

bp = Blueprint(__name__)
