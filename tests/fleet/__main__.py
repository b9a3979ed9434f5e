import sys

from tests.fleet.sim import main

sys.exit(main())
