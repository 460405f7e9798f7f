"""Documents people upload straight to a private S3 bucket through presigned POSTs; branches read them by short links."""

from datetime import timedelta

from botocore.exceptions import ClientError


class UploadStore:
    def __init__(self, client, bucket: str):
        self._s3, self._bucket = client, bucket

    def presigned_post(self, key: str, fields: dict, conditions: list, expires_in: int) -> dict:
        """A POST form that S3 itself holds to `conditions` (type, size, the one key)."""
        return self._s3.generate_presigned_post(
            Bucket=self._bucket, Key=key, Fields=fields, Conditions=conditions, ExpiresIn=expires_in
        )

    def head(self, key: str) -> dict | None:
        """The object's metadata, or None when nothing was uploaded there."""
        try:
            return self._s3.head_object(Bucket=self._bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise

    def link(self, key: str, lifetime: timedelta) -> str:
        """A presigned GET for a branch officer to see the document, valid for `lifetime`."""
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=int(lifetime.total_seconds())
        )
