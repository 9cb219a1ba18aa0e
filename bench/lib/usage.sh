# Sourced first by the bench scripts: with -h or --help among the arguments, prints the script's opening comment
# (what it measures, its settings and its usage) and exits, before anything is built or started.
for arg in "$@"; do
    if [[ $arg == -h || $arg == --help ]]; then
        sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"
        exit 0
    fi
done
