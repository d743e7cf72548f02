// Graphviz's layout and rendering library (libgvc) and graph library (libcgraph), for the SVG export.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
