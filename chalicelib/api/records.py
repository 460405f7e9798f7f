"""Insurance records (سوابق بیمه) and objections."""
from chalice import Blueprint

bp = Blueprint(__name__)
