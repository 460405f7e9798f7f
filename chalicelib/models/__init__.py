"""PynamoDB models, one module per table family. infra.local_stack.all_models() finds every table."""
