#!/usr/bin/env bash
# Creates the files every workspace project needs. Usage:
#   scripts/scaffold-project.sh libs/<name>|apps/<name> "<tag>,<tag>" "<description>"
set -euo pipefail
dir=$1 tags=$2 description=$3
name=$(basename "$dir")
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$root/$dir/src"
rel=$(realpath --relative-to="$root/$dir" "$root")
cd "$root/$dir"
[ -f package.json ] || cat > package.json <<JSON
{
  "name": "@teranode-p2p/$name",
  "version": "0.1.0",
  "private": true,
  "description": "$description",
  "type": "module",
  "exports": {
    ".": {
      "@teranode-p2p/source": "./src/index.ts",
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    }
  }
}
JSON
tag_json=$(printf '%s' "$tags" | awk -F, '{for(i=1;i<=NF;i++){printf "%s\"%s\"", (i>1?", ":""), $i}}')
[ -f project.json ] || cat > project.json <<JSON
{
  "name": "$name",
  "\$schema": "$rel/node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$( [[ $dir == apps/* ]] && echo application || echo library )",
  "tags": [$tag_json],
  "targets": {
    "build": {},
    "typecheck": {},
    "lint": {},
    "test": {}
  }
}
JSON
[ -f tsconfig.json ] || cat > tsconfig.json <<JSON
{
  "extends": "$rel/tsconfig.base.json",
  "compilerOptions": { "noEmit": true },
  "include": ["src/**/*.ts", "test/**/*.ts"]
}
JSON
[ -f tsconfig.build.json ] || cat > tsconfig.build.json <<JSON
{
  "extends": "$rel/tsconfig.base.json",
  "compilerOptions": {
    "rootDir": "src",
    "outDir": "dist",
    "customConditions": [],
    "tsBuildInfoFile": "dist/.tsbuildinfo"
  },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.spec.ts"]
}
JSON
[ -f jest.esm.config.cjs ] || cat > jest.esm.config.cjs <<JSON
module.exports = {
  ...require('$rel/jest.preset.cjs'),
  displayName: '$name',
  rootDir: __dirname,
};
JSON
echo "scaffolded $dir"
