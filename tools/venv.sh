# Sourced by run-app.sh and run-tests.sh: make .venv with a Python >= 3.12 and install into it.
# Why 3.12: PySide6 6.12.0 drops a reference to None on every Qt call that returns nothing; on
# Python 3.11 that crashes a long-running app ("none_dealloc"). From 3.12 None is immortal (PEP 683).
pick_python() {
  local cand
  local pyenv_root="${PYENV_ROOT:-${HOME:-/root}/.pyenv}"
  for cand in python3 python3.12 python3.13 "$pyenv_root"/versions/3.12*/bin/python3 \
              "$pyenv_root"/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3 \
              /usr/bin/python3.12 /usr/bin/python3.13; do
    if "$cand" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
      echo "$cand"; return 0
    fi
  done
  echo "No Python 3.12 or newer found: install one (e.g. apt-get install python3.12 or pyenv install 3.12)." >&2
  return 1
}

make_venv() {  # make_venv EXTRAS   e.g. make_venv '.[dev]'
  local py
  if [ -x .venv/bin/python ] && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
    rm -rf .venv  # made with an older Python: start again
  fi
  if [ ! -x .venv/bin/python ]; then
    py=$(pick_python)
    "$py" -m venv .venv
  fi
  # pip only when what is asked changed (pyproject.toml, the extras): the app's own code is an
  # editable install, so a start after a code change needs no pip at all.
  local stamp=.venv/.frontdesk-installed want
  want="$1 $(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ -f "$stamp" ] && grep -qxF -- "$want" "$stamp"; then
    return 0
  fi
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e "$1"
  echo "$want" >> "$stamp"
}
