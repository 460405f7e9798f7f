"""Letter PDFs in a private, encrypted S3 bucket; clients fetch them through short-lived links."""

from datetime import timedelta

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.errors import ServiceUnavailable


class LetterStore:
    def __init__(self, client, bucket: str):
        self._s3, self._bucket = client, bucket

    def put(self, key: str, pdf: bytes) -> None:
        try:
            # No encryption header: the bucket's default (the customer-managed key in the cloud) applies.
            self._s3.put_object(Bucket=self._bucket, Key=key, Body=pdf, ContentType="application/pdf")
        except (BotoCoreError, ClientError) as error:
            raise ServiceUnavailable() from error

    def get(self, key: str) -> bytes:
        return self._s3.get_object(Bucket=self._bucket, Key=key)["Body"].read()

    def delete(self, key: str) -> None:
        self._s3.delete_object(Bucket=self._bucket, Key=key)

    def link(self, key: str, lifetime: timedelta) -> str:
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": key}, ExpiresIn=int(lifetime.total_seconds())
        )
