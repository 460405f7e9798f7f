"""The intake bucket: employers' monthly lists arrive here, and each list's result is written beside it."""

import codecs
import json

RESULT_SUFFIX = ".result.json"


class IntakeBucket:
    def __init__(self, client, bucket: str):
        self._s3, self._bucket = client, bucket

    def lines(self, key: str):
        """The file's text lines as they stream in (UnicodeDecodeError for a file that is not UTF-8)."""
        body = self._s3.get_object(Bucket=self._bucket, Key=key)["Body"]
        decoder = codecs.getincrementaldecoder("utf-8")()
        pending = ""
        for chunk in body.iter_chunks(chunk_size=1 << 16):
            pending += decoder.decode(chunk)
            *complete, pending = pending.split("\n")
            for line in complete:
                yield line + "\n"
        pending += decoder.decode(b"", final=True)
        if pending:
            yield pending

    def write_result(self, key: str, result: dict) -> None:
        self._s3.put_object(
            Bucket=self._bucket,
            Key=key + RESULT_SUFFIX,
            ContentType="application/json; charset=utf-8",
            Body=json.dumps(result, ensure_ascii=False, indent=1).encode(),
        )

    def result(self, key: str) -> dict | None:
        try:
            return json.loads(self._s3.get_object(Bucket=self._bucket, Key=key + RESULT_SUFFIX)["Body"].read())
        except self._s3.exceptions.NoSuchKey:
            return None

    def pending(self) -> list[str]:
        """Lists that have no result yet, oldest first: what the local poller hands to the intake."""
        objects, results = [], set()
        for page in self._s3.get_paginator("list_objects_v2").paginate(Bucket=self._bucket):
            for item in page.get("Contents", []):
                if item["Key"].endswith(RESULT_SUFFIX):
                    results.add(item["Key"].removesuffix(RESULT_SUFFIX))
                elif item["Key"].endswith(".csv"):
                    objects.append((item["LastModified"], item["Key"]))
        return [key for _, key in sorted(objects) if key not in results]
