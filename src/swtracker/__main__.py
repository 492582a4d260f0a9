from swtracker.cli import main

main()
