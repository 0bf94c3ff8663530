#!/usr/bin/env bash
# Builds the reader and writer flex templates: the shaded jars, a check that each jar logs, and
# the two `gcloud dataflow flex-template build` commands (printed, and run unless --dry-run).
#
#   scripts/build-templates.sh --bucket gs://my-bucket/rr --image-repo REGION-docker.pkg.dev/P/R [--project P] [--dry-run]
#   scripts/build-templates.sh --check     # jars and the logging check only (no Google Cloud)
#
# The templates' specs go to <bucket>/templates/{reader,writer}.json; pass them to rr launch as
# --readerTemplate/--writerTemplate. See docs/dataflow.md.
set -euo pipefail

cd "$(dirname "$0")/.."
bucket="" image_repo="" project="" dry_run=false check_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --bucket) bucket="${2:?--bucket needs gs://bucket/prefix}"; shift 2 ;;
    --image-repo) image_repo="${2:?--image-repo needs an Artifact Registry repository}"; shift 2 ;;
    --project) project="${2:?--project needs a project id}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    --check) check_only=true; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "build-templates: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if ! $check_only; then
  case "$bucket" in
    gs://*) ;;
    *) echo "build-templates: --bucket must be a gs:// path, got '${bucket}' (or use --check)" >&2; exit 2 ;;
  esac
  if [ -z "$image_repo" ]; then
    echo "build-templates: --image-repo is required (an Artifact Registry repository, e.g. us-central1-docker.pkg.dev/my-project/rr)" >&2
    exit 2
  fi
fi

version=$(sed -n 's:.*<version>\(.*-SNAPSHOT\|[0-9.]*\)</version>.*:\1:p' pom.xml | head -1)
echo "[build-templates] building the shaded jars (version $version)"
mvn -B -ntp -q -DskipTests package -pl reader-template,writer-template -am

# Each jar must carry an SLF4J provider: without one every log line of the job is dropped.
check_dir=$(mktemp -d)
trap 'rm -rf "$check_dir"' EXIT
cat > "$check_dir/LogCheck.java" <<'JAVA'
public class LogCheck {
  public static void main(String[] args) {
    org.slf4j.LoggerFactory.getLogger("rr.build").info("rr-template-logging-check");
  }
}
JAVA
for module in reader writer; do
  jar="$module-template/target/rr-$module-template-$version-flex.jar"
  [ -f "$jar" ] || { echo "build-templates: $jar was not built" >&2; exit 1; }
  out=$(java -cp "$jar" "$check_dir/LogCheck.java" 2>&1 || true)
  if ! grep -q "rr-template-logging-check" <<<"$out" || grep -q "No SLF4J providers" <<<"$out"; then
    echo "build-templates: $jar does not log through SLF4J:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "[build-templates] $jar ($(du -h "$jar" | cut -f1)) logs through SLF4J"
done
if $check_only; then
  exit 0
fi

for module in reader writer; do
  main_class="dev.rr.$module.$(tr '[:lower:]' '[:upper:]' <<<"${module:0:1}")${module:1}Main"
  cmd=(gcloud dataflow flex-template build "$bucket/templates/$module.json"
    --image-gcr-path="$image_repo/rr-$module:$version"
    --sdk-language=JAVA --flex-template-base-image=JAVA17
    --jar="$module-template/target/rr-$module-template-$version-flex.jar"
    --env=FLEX_TEMPLATE_JAVA_MAIN_CLASS="$main_class"
    --metadata-file="$module-template/src/main/resources/flex-template/$module-metadata.json")
  if [ -n "$project" ]; then
    cmd+=(--project="$project")
  fi
  printf '%q ' "${cmd[@]}"; echo
  if ! $dry_run; then
    "${cmd[@]}"
  fi
done
echo "[build-templates] rr launch --runner=dataflow --readerTemplate=$bucket/templates/reader.json --writerTemplate=$bucket/templates/writer.json ..."
