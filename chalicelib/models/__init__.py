"""PynamoDB models, one module per table family. ALL_MODELS lists every table to create."""
