"""Letters issued to insured people; `render` pulls in fpdf2, so callers import it lazily."""
