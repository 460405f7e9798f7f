"""Ports to outside systems, each with a cloud adapter and, where needed, a local or HTTP one."""
