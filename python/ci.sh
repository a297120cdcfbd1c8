#!/usr/bin/env bash
# The Python package's checks, as .ci/run runs them: a fresh virtualenv, `pip install ./python`
# as a user would (pip fetches maturin, the PEP 517 backend, and builds the wheel in release),
# then pytest and `mypy --strict` on the typed usage file. With ZHGLOSS_SPARK=1 (as .ci/run
# sets it unless told otherwise), also the Spark test: it installs pyspark (about 450 MB) and,
# where there is none, Debian's Java runtime.
#
# Run from anywhere; it uses target/py-ci-venv and the example program (the debug build the
# root crate's `cargo test` made, brought up to date here), whose output the tests compare with.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
venv=target/py-ci-venv
rm -rf "$venv"
python3 -m venv "$venv"
pip=("$venv/bin/pip" install --quiet --disable-pip-version-check)
"${pip[@]}" ./python
"${pip[@]}" -r python/requirements-test.txt
if [ "${ZHGLOSS_SPARK:-}" = 1 ]; then
    "${pip[@]}" -r python/requirements-spark.txt
    if ! command -v java >/dev/null 2>&1; then
        echo "python/ci.sh: installing a Java runtime for Spark" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
    fi
fi
target=${CARGO_TARGET_DIR:-$root/target}
cargo build --quiet --example zhgloss
export ZHGLOSS_BIN="$target/debug/examples/zhgloss"
# The tests run on the installed package, not on the source tree (py_src is not on the path).
# pytest exits 5 when it collects no test: like any non-zero exit, that fails this script.
(cd python && "$root/$venv/bin/python" -m pytest -q -p no:cacheprovider tests)
(cd python/tests && "$root/$venv/bin/mypy" --strict --no-incremental typed_usage.py)
