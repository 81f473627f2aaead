# bash completion for cari-indexer, cari-searcher and cari-stemmer.
# Options, their values (index folders, files, --color's WHEN, --fields'
# columns), and in a query the field names judul: and artikel:, with the
# article ids of the index for artikel:.  Needs only bash (no helpers of
# the bash-completion package).

# _cari_reply WORD CANDIDATES...: sets COMPREPLY to the candidates that
# start with WORD, less what bash treats as typed already when the word
# holds a ':' that COMP_WORDBREAKS splits at.
_cari_reply()
{
    local cur=$1 c
    shift
    COMPREPLY=()
    for c in "$@"; do
        [[ $c == "$cur"* ]] && COMPREPLY+=("$c")
    done
    if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
        local typed=${cur%"${cur##*:}"} i
        for i in "${!COMPREPLY[@]}"; do
            COMPREPLY[i]=${COMPREPLY[i]#"$typed"}
        done
    fi
}

# _cari_words: sets cur (the word being completed, ':' included) and prev
# (the word before it), read from the command line up to the cursor.
_cari_words()
{
    local line=${COMP_LINE:0:COMP_POINT}
    cur=${line##*[[:space:]]}
    line=${line%"$cur"}
    line=${line%"${line##*[![:space:]]}"}
    prev=${line##*[[:space:]]}
}

# _cari_index: the index the command line names (-d/--index), else
# $CARI_INDEX, else ./cari-index.
_cari_index()
{
    local i idx=${CARI_INDEX:-cari-index}
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -d | --index) idx=${COMP_WORDS[i + 1]} ;;
        --index=*) idx=${COMP_WORDS[i]#--index=} ;;
        esac
    done
    printf '%s\n' "${idx/#\~/$HOME}"
}

# _cari_files KIND WORD: COMPREPLY gets the folders (KIND -d) or files and
# folders (KIND -f) starting with WORD.
_cari_files()
{
    local IFS=$'\n'
    COMPREPLY=($(compgen "$1" -- "$2"))
    compopt -o filenames 2>/dev/null
}

_cari_indexer()
{
    local cur prev
    _cari_words
    case $prev in
    -d | --index) _cari_files -d "$cur"; return ;;
    --jsonl) _cari_files -f "$cur"; return ;;
    --wait | --b | --shards) return ;;
    esac
    if [[ $cur == -* ]]; then
        _cari_reply "$cur" -d --index --jsonl --keep-missing --rebuild --wait --b \
            --shards --remove --compact --list --stats --check -q --quiet -h --help \
            --version
        return
    fi
    _cari_files -f "$cur"
}

_cari_searcher()
{
    local cur prev
    _cari_words
    case $prev in
    -d | --index) _cari_files -d "$cur"; return ;;
    --synonyms | --model) _cari_files -f "$cur"; return ;;
    --color | --colour) _cari_reply "$cur" auto always never; return ;;
    --fields)
        local done=${cur%"${cur##*,}"} f fields=()
        for f in qid rank score article passage docid title snippet text; do
            fields+=("$done$f")
        done
        _cari_reply "$cur" "${fields[@]}"
        compopt -o nospace 2>/dev/null
        return ;;
    -n | --limit | --offset | --per-article | --context | --title-weight | \
    --feedback | --k1 | --tag | -j | --jobs | --rerank-depth | --since | --until | \
    --source | --sumber | --author | --penulis | --category | --kategori | --lang | --now) return ;;
    --recent) _cari_reply "$cur" 12h 7d 30d 1y; return ;;
    --rank) _cari_reply "$cur" learned bm25; return ;;
    --sort) _cari_reply "$cur" relevance date; return ;;
    --facets)
        local done=${cur%"${cur##*,}"} f facets=()
        for f in source category year author; do
            facets+=("$done$f")
        done
        _cari_reply "$cur" "${facets[@]}"
        compopt -o nospace 2>/dev/null
        return ;;
    esac
    case $cur in
    artikel:* | [+-]artikel:*)
        local sign=${cur%%artikel:*} ids=() id
        local IFS=$'\n'
        for id in $(cari-indexer -d "$(_cari_index)" --list 2>/dev/null | cut -f1); do
            ids+=("${sign}artikel:$id")
        done
        _cari_reply "$cur" "${ids[@]}"
        compopt -o nospace 2>/dev/null
        ;;
    -*)
        _cari_reply "$cur" -d --index -n --limit --offset --all --per-article --count \
            --explain --context --synonyms --no-synonyms --fix --keep-stopwords \
            --title-weight --feedback --k1 --rank --model --rerank-depth --json --tsv \
            --fields --batch --trec --trec-passages --tag -j --jobs --color -h --help --version \
            --since --until --sort --source --sumber --author --penulis --category --kategori \
            --lang --facets --recent --now
        ;;
    *)
        local sign=${cur%%[![:punct:]]*}
        _cari_reply "$cur" "${sign}judul:" "${sign}artikel:" "${sign}sumber:" "${sign}penulis:" \
            "${sign}kategori:" "${sign}bahasa:"
        compopt -o nospace 2>/dev/null
        ;;
    esac
}

_cari_stemmer()
{
    local cur prev
    _cari_words
    if [[ $prev == --eval ]]; then
        _cari_files -f "$cur"
        return
    fi
    _cari_reply "$cur" --snowball --explain --text --eval --signature --version --help
}

complete -F _cari_indexer cari-indexer
complete -F _cari_searcher cari-searcher
complete -F _cari_stemmer cari-stemmer
