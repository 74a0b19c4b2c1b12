// A deliberate violation: core must not know the app layer.
#include <ita/app/score_command.hpp>
