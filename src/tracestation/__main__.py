from tracestation.cli import main

raise SystemExit(main())
