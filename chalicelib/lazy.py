"""Modules loaded on first use, so a Lambda serving one route never imports the others' flows and models."""
import importlib
from types import ModuleType


class _LazyModule(ModuleType):
    def __getattr__(self, name):
        module = importlib.import_module(self.__name__)
        self.__dict__.update(module.__dict__)
        return getattr(module, name)


def lazy(name: str) -> ModuleType:
    return _LazyModule(name)
