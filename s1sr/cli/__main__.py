import sys

from s1sr.cli import main

sys.exit(main())
