"""One module per noun of the CLI; each command is a thin pipeline: options → load → query → render → print."""
