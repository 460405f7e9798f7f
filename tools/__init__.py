"""Small programs for people outside the service: the reference inquiry client for institutions."""
