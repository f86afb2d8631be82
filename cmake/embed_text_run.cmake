file(READ ${IN} content)
set(delim "STEPWISE_EMBED")
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\nnamespace ${NS} {\nextern const char* const ${SYMBOL};\nconst char* const ${SYMBOL} = R\"${delim}(${content})${delim}\";\n}\n")
