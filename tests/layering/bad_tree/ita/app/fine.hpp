#include <ita/core/bad.hpp>
