"""`python -m frontdesk`: same as the `frontdesk` command."""

from frontdesk.cli import main

raise SystemExit(main())
