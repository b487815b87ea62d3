"""The current operation's work instructions on the scan page: its text and image, from master
data (`instructions` of the routing's operation). Hidden when the operation has none. An image
that cannot be read is named, not hidden: the instructions are incomplete without it.
GUI thread only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

IMAGE_HEIGHT = 180  # pixels: room for the history under it at 1366x768


class InstructionsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("instructions")
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.text = QLabel(self)
        self.text.setObjectName("instructionsText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.image = QLabel(self)
        self.image.setObjectName("instructionsImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.image)
        self._shown: tuple[str | None, str | None, str | None] | None = None
        self.hide()

    def show_instructions(self, operation: str | None, text: str | None, image: str | None) -> None:
        wanted = (operation, text, image)
        if wanted == self._shown:
            return  # after every scan: the picture is read again only when it changes
        self._shown = wanted
        if operation is None or (text is None and image is None):
            self.hide()
            return
        self.title.setText(
            self.tr("Work instructions \u00b7 operation {operation}").format(operation=operation)
        )
        self.text.setText(text or "")
        self.text.setVisible(bool(text))
        self._show_image(image)
        self.show()

    def _show_image(self, image: str | None) -> None:
        self.image.setVisible(image is not None)
        if image is None:
            self.image.clear()
            return
        pixmap = QPixmap(image) if Path(image).is_file() else QPixmap()
        if pixmap.isNull():
            self.image.setPixmap(QPixmap())
            self.image.setText(
                self.tr("Image not found or not readable: {path}").format(path=image)
            )
            self.image.setFixedHeight(self.image.sizeHint().height())
            return
        scaled = pixmap.scaledToHeight(
            min(IMAGE_HEIGHT, pixmap.height()), Qt.TransformationMode.SmoothTransformation
        )
        self.image.setText("")
        self.image.setPixmap(scaled)
        self.image.setFixedHeight(scaled.height())
