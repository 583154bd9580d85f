# Sourced first by the npm scripts' entry points (`source scripts/under-toolchain.sh scripts/x.sh "$@"`):
# runs that script again, once, under scripts/node-toolchain.sh, which picks a supported Node.
# exec keeps the PID, and that marks the second run.
if [ "${PROTOKOLS_TOOLCHAIN:-}" != "$$" ]; then
  export PROTOKOLS_TOOLCHAIN=$$
  exec bash scripts/node-toolchain.sh bash "$@"
fi
unset PROTOKOLS_TOOLCHAIN
