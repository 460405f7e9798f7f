"""Modules loaded on first use, so a Lambda serving one route never imports the others' flows and models."""
import importlib
import sys
from types import ModuleType


class _LazyModule(ModuleType):
    """Every attribute is read from the real module, so what a test or a reload changes there is seen here too."""

    def __getattr__(self, name):
        module = sys.modules.get(self.__name__) or importlib.import_module(self.__name__)
        return getattr(module, name)


def lazy(name: str) -> ModuleType:
    return _LazyModule(name)
