#include <ita/util/error.hpp>

namespace ita {

std::string Diagnostic::to_string() const {
    std::string text = file;
    if (line > 0) text += (text.empty() ? "" : ":") + std::to_string(line);
    if (!field.empty()) text += (text.empty() ? "" : ":") + field;
    if (!text.empty()) text += ": ";
    return text + message;
}

std::string Error::to_string() const {
    std::string text = message;
    for (const auto& diagnostic : diagnostics) text += "\n  " + diagnostic.to_string();
    if (diagnostics_dropped > 0) text += "\n  ... and " + std::to_string(diagnostics_dropped) + " more problems";
    return text;
}

}  // namespace ita
