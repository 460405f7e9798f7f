"""Documents people upload straight to a private S3 bucket through presigned POSTs."""
from botocore.exceptions import ClientError


class UploadStore:
    def __init__(self, client, bucket: str):
        self._s3, self._bucket = client, bucket

    def presigned_post(self, key: str, fields: dict, conditions: list, expires_in: int) -> dict:
        """A POST form that S3 itself holds to `conditions` (type, size, the one key)."""
        return self._s3.generate_presigned_post(Bucket=self._bucket, Key=key, Fields=fields, Conditions=conditions,
                                                ExpiresIn=expires_in)

    def head(self, key: str) -> dict | None:
        """The object's metadata, or None when nothing was uploaded there."""
        try:
            return self._s3.head_object(Bucket=self._bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
