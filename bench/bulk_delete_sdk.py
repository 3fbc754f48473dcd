"""Deleting images the way a simple script does with the official Python SDK: one
DeleteImage call per image ID (DeleteImageType=ImageId), in a loop, sleeping briefly
and retrying when the gateway answers Throttling. The baseline of
`bench/bulk_delete.sh`; see docs/benchmarks.md ("Bulk delete of 2,000 images").

    .venv/bin/python bench/bulk_delete_sdk.py --port 9000 --ids ids.txt [--sleep 0.2]

Prints `key value` lines: calls, throttled, other errors, seconds.
"""

import argparse
import sys
import time

from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkvod.request.v20170321.DeleteImageRequest import DeleteImageRequest

DEMO_ACCESS_KEY_ID = "LTAI5tEmulatorDemoKey"
DEMO_ACCESS_KEY_SECRET = "EmulatorDemoSecretNotForProduction"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ids", required=True, help="file with one ImageId a line")
    parser.add_argument("--sleep", type=float, default=0.2,
                        help="seconds to wait after a Throttling answer (default 0.2)")
    args = parser.parse_args()
    with open(args.ids) as f:
        ids = [line.strip() for line in f if line.strip()]

    # The SDK's defaults (auto_retry on; it does not retry VOD's Throttling.User itself).
    client = AcsClient(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, "cn-shanghai",
                       port=args.port)
    calls = throttled = errors = 0
    started = time.perf_counter()
    for image_id in ids:
        while True:
            request = DeleteImageRequest()
            request.set_endpoint(args.host)
            request.set_protocol_type("http")
            request.set_DeleteImageType("ImageId")
            request.set_ImageIds(image_id)
            calls += 1
            try:
                client.do_action_with_exception(request)
                break
            except ServerException as e:
                if e.get_error_code().startswith("Throttling"):
                    throttled += 1
                    time.sleep(args.sleep)
                    continue
                errors += 1
                print(f"{image_id}: {e.get_error_code()} {e.get_error_msg()}", file=sys.stderr)
                break
    seconds = time.perf_counter() - started
    print(f"images {len(ids)}")
    print(f"calls {calls}")
    print(f"throttled {throttled}")
    print(f"errors {errors}")
    print(f"seconds {seconds:.3f}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
