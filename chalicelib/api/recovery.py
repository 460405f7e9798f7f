"""Password recovery (بازیابی گذرواژه)."""
from chalice import Blueprint

bp = Blueprint(__name__)
