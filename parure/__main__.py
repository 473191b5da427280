from parure.cli import main

main()
