"""Institutions' signing secrets, kept in AWS Secrets Manager rather than in any table."""


class KeyVault:
    """Signing secrets in Secrets Manager. A key's secret never changes (rotation mints a new key id), so reads are cached."""

    _cache: dict[str, str] = {}

    def __init__(self, client, prefix: str):
        self._client, self._prefix = client, prefix

    def _name(self, key_id: str) -> str:
        return f"{self._prefix}institution-key/{key_id}"

    def put(self, key_id: str, secret: str) -> None:
        self._client.create_secret(Name=self._name(key_id), SecretString=secret)

    def get(self, key_id: str) -> str:
        name = self._name(key_id)
        if name not in self._cache:
            self._cache[name] = self._client.get_secret_value(SecretId=name)["SecretString"]
        return self._cache[name]

    def retire(self, key_id: str) -> None:
        """A disabled key is never enabled again, so its secret goes (after the shortest recovery window allowed)."""
        self._client.delete_secret(SecretId=self._name(key_id), RecoveryWindowInDays=7)
