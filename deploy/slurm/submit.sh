#!/bin/sh
# Submits the sweep array and a merge that waits for all of it: ./submit.sh [SHARDS]
set -eu
cd "$(dirname "$0")"
SHARDS="${1:-3}"
export SHARDS
sweep=$(sbatch --parsable --array="1-$SHARDS" --export=ALL sweep-array.sbatch)
sbatch --dependency="afterok:${sweep%%;*}" --export=ALL merge.sbatch
