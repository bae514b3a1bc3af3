from dataclasses import dataclass, field
from typing import List


@dataclass
class Invoice:
    number: str
    lines: List[float] = field(default_factory=list)

    def total(self) -> float:
        return round(sum(self.lines) * 1.2, 2)


invoices = [Invoice("A-1", [10.0, 5.5]), Invoice("A-2", [99.9])]
print(sorted(inv.total() for inv in invoices))
