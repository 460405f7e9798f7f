"""Use cases as plain functions: input, a Context of collaborators, and a result or a DomainError."""
