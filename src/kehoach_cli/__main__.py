import sys

from kehoach_cli.cli.main import main

sys.exit(main())
