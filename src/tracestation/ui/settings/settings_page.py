"""Settings: station id, language, scanners (wedge timing, serial ports), printer, central database.

Saved as JSON (see `config.py`). The wedge timing, the text size and the age at which a lead is
told of old knowledge apply at once; the station id, language, serial scanners, printer and
central database apply at the next start, and the page says so. A lead opens the page with badge
and PIN (`settings_lock.py`).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tracestation.config import (
    FONT_SCALES,
    PRINTER_KINDS,
    WEDGE_TERMINATORS,
    ConfigError,
    PrinterSettings,
    SerialScannerSettings,
    StationConfig,
    WedgeSettings,
    config_path,
    save_config,
)
from tracestation.scanners import PortInfo
from tracestation.scanners.framing import TERMINATORS
from tracestation.ui.lead.forms import action_button, form_layout, line_edit
from tracestation.ui.restyle import set_style_state
from tracestation.ui.settings.port_lister import PortLister

BAUD_RATES = ("9600", "19200", "38400", "57600", "115200")


class SettingsPage(QWidget):
    sig_saved = Signal(object)  # StationConfig

    def __init__(self, config: StationConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self._scanners = list(config.serial_scanners)
        self.station_id = line_edit(self, "STATION-1", name="settingsStation")
        self.language = QComboBox(self)
        for code, name in (
            ("", self.tr("System language")),
            ("en", "English"),
            ("ro", "Rom\u00e2n\u0103"),
        ):
            self.language.addItem(name, code)
        self.sounds = QCheckBox(self.tr("Play a sound for each verdict"), self)
        self.font_scale = QDoubleSpinBox(self)
        self.font_scale.setObjectName("settingsFontScale")
        self.font_scale.setRange(FONT_SCALES[0], FONT_SCALES[1])
        self.font_scale.setSingleStep(0.1)
        self.font_scale.setDecimals(2)
        self.font_scale.setSuffix(" \u00d7")
        self.gap = QSpinBox(self)
        self.gap.setRange(5, 1000)
        self.gap.setSuffix(" ms")
        self.min_length = QSpinBox(self)
        self.min_length.setRange(1, 64)
        self.wedge_terminator = QComboBox(self)
        names = {
            "enter": self.tr("Enter"),
            "tab": self.tr("Tab"),
            "enter+tab": self.tr("Enter or Tab"),
            "none": self.tr("Nothing (a pause)"),
        }
        for code in WEDGE_TERMINATORS:
            self.wedge_terminator.addItem(names[code], code)
        self.gs_substitutes = line_edit(self, "| {GS} <GS>", name="settingsGs")
        self.scanner_list = QListWidget(self)
        self.scanner_list.setObjectName("scannerList")
        self.port = QComboBox(self)
        self.port.setEditable(True)
        self.port.setObjectName("settingsPort")
        self.baud = QComboBox(self)
        self.baud.setEditable(True)
        self.baud.addItems(BAUD_RATES)
        self.serial_terminator = QComboBox(self)
        self.serial_terminator.addItems(list(TERMINATORS))
        self.serial_terminator.setCurrentText("auto")
        self.refresh_ports = action_button(self, self.tr("Find ports"))
        self.add_scanner = action_button(self, self.tr("Add scanner"))
        self.remove_scanner = action_button(self, self.tr("Remove selected"), kind="danger")
        self.printer = QComboBox(self)
        for code in PRINTER_KINDS:
            self.printer.addItem(self._printer_name(code), code)
        self.printer_target = line_edit(
            self, self.tr("tcp://10.0.0.20:9100, or a folder for label files")
        )
        self.central_url = line_edit(
            self, "postgresql+psycopg://user@host/tracestation", name="settingsCentral"
        )
        self.results_folder = line_edit(
            self, self.tr("a folder the tester writes result files in"), name="settingsResults"
        )
        self.sync_notice = QSpinBox(self)
        self.sync_notice.setObjectName("settingsSyncNotice")
        self.sync_notice.setRange(1, 24 * 60)
        self.sync_notice.setSuffix(" min")
        self.save = action_button(
            self, self.tr("Save settings"), kind="primary", name="settingsSave"
        )
        self.status = QLabel(self.tr("Settings file: {path}").format(path=config_path()), self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("settingsStatus")
        self.status.setWordWrap(True)
        self._ports = PortLister(self)
        self._layout()
        self.load(config)
        self._ports.sig_ports.connect(self.show_ports)
        self.refresh_ports.clicked.connect(self._ports.refresh)
        self.add_scanner.clicked.connect(self._add_scanner)
        self.remove_scanner.clicked.connect(self._remove_scanner)
        self.save.clicked.connect(self.save_settings)

    def _layout(self) -> None:
        station = QGroupBox(self.tr("Station"), self)
        form = form_layout(station)
        form.addRow(self.tr("Station id"), self.station_id)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.sounds)
        form.addRow(self.tr("Text size"), self.font_scale)
        wedge = QGroupBox(self.tr("Keyboard-wedge scanner"), self)
        form = form_layout(wedge)
        form.addRow(self.tr("Longest pause inside a scan"), self.gap)
        form.addRow(self.tr("Shortest scan"), self.min_length)
        form.addRow(self.tr("Scanner ends a scan with"), self.wedge_terminator)
        form.addRow(self.tr("GS (FNC1) typed as"), self.gs_substitutes)
        serial = QGroupBox(self.tr("Serial scanners"), self)
        form = form_layout(serial)
        form.addRow(self.scanner_list)
        port_row = QHBoxLayout()
        port_row.addWidget(self.port, 1)
        port_row.addWidget(self.refresh_ports)
        form.addRow(self.tr("Port"), port_row)
        form.addRow(self.tr("Baud"), self.baud)
        form.addRow(self.tr("Terminator"), self.serial_terminator)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_scanner)
        buttons.addWidget(self.remove_scanner)
        form.addRow("", buttons)
        output = QGroupBox(self.tr("Printer and central database"), self)
        form = form_layout(output)
        form.addRow(self.tr("Label printer"), self.printer)
        form.addRow(self.tr("Printer address"), self.printer_target)
        form.addRow(self.tr("Central database"), self.central_url)
        form.addRow(self.tr("Tester results folder"), self.results_folder)
        form.addRow(self.tr("Call a lead when knowledge is older than"), self.sync_notice)
        inner = QWidget(self)
        columns = QHBoxLayout(inner)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(station)
        left.addWidget(wedge)
        left.addStretch(1)
        right.addWidget(serial)
        right.addWidget(output)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(scroll, 1)
        layout.addLayout(footer)

    def load(self, config: StationConfig) -> None:
        self.station_id.setText(config.station_id)
        self.language.setCurrentIndex(max(0, self.language.findData(config.language)))
        self.sounds.setChecked(config.sounds)
        self.font_scale.setValue(config.font_scale)
        self._loaded = config
        self.gap.setValue(config.wedge.max_key_gap_ms)
        self.min_length.setValue(config.wedge.min_length)
        self.wedge_terminator.setCurrentIndex(
            max(0, self.wedge_terminator.findData(config.wedge.terminator))
        )
        self.gs_substitutes.setText(" ".join(config.gs_substitutes))
        self._scanners = list(config.serial_scanners)
        self._show_scanners()
        self.printer.setCurrentIndex(max(0, self.printer.findData(config.printer.kind)))
        self.printer_target.setText(config.printer.target)
        self.central_url.setText(config.central_url)
        self.results_folder.setText(config.results_folder)
        self.sync_notice.setValue(config.sync_notice_minutes)

    def _printer_name(self, code: str) -> str:
        names = {
            "none": self.tr("No printer (labels are logged only)"),
            "zpl-tcp": self.tr("Network label printer (ZPL, raw TCP)"),
            "zpl-folder": self.tr("ZPL files in a folder"),
            "pdf-folder": self.tr("PDF files in a folder"),
        }
        return names.get(code, code)

    def opened_by(self, name: str) -> None:
        """A lead opened the settings: say who, until they are saved or left."""
        self._say(
            self.tr("Opened by {name}. Settings file: {path}").format(
                name=name, path=config_path()
            ),
            "info",
        )

    def current(self) -> StationConfig:
        return replace(
            self._loaded,
            station_id=self.station_id.text().strip(),
            language=str(self.language.currentData()),
            wedge=WedgeSettings(
                self.gap.value(), self.min_length.value(), str(self.wedge_terminator.currentData())
            ),
            gs_substitutes=tuple(self.gs_substitutes.text().split()),
            serial_scanners=tuple(self._scanners),
            printer=PrinterSettings(
                str(self.printer.currentData()), self.printer_target.text().strip()
            ),
            central_url=self.central_url.text().strip(),
            results_folder=self.results_folder.text().strip(),
            sync_notice_minutes=self.sync_notice.value(),
            sounds=self.sounds.isChecked(),
            font_scale=round(self.font_scale.value(), 2),
        )

    def save_settings(self) -> None:
        config = self.current()
        try:
            config.wedge.to_wedge_config()
            path = save_config(config)
        except (OSError, ValueError, ConfigError) as error:
            self._say(self.tr("Not saved: {error}").format(error=error), "error")
            return
        self._say(
            self.tr(
                "Saved to {path}. Keyboard timing and the lead's notice apply now; station "
                "id, language, scanners, printer and central database at the next start."
            ).format(path=path),
            "success",
        )
        self.sig_saved.emit(config)

    def show_ports(self, ports: list[PortInfo]) -> None:
        self.port.clear()
        for port in ports:
            self.port.addItem(port.describe(), port.stable_path or port.device)
        if not ports:
            self._say(
                self.tr("No serial ports found. Plug the scanner in, or type its path or URL."),
                "info",
            )

    def _add_scanner(self) -> None:
        index = self.port.currentIndex()
        typed = self.port.currentText().strip()
        url = (
            str(self.port.itemData(index))
            if index >= 0 and self.port.itemText(index) == typed
            else typed
        )
        try:
            scanner = SerialScannerSettings(
                url, int(self.baud.currentText()), self.serial_terminator.currentText()
            )
            scanner.to_config()
        except ValueError as error:
            self._say(self.tr("Scanner not added: {error}").format(error=error), "error")
            return
        self._scanners.append(scanner)
        self._show_scanners()

    def _remove_scanner(self) -> None:
        row = self.scanner_list.currentRow()
        if 0 <= row < len(self._scanners):
            del self._scanners[row]
            self._show_scanners()

    def _show_scanners(self) -> None:
        self.scanner_list.clear()
        for scanner in self._scanners:
            self.scanner_list.addItem(
                f"{scanner.url}  \u00b7  {scanner.baudrate} baud  \u00b7  {scanner.terminator}"
            )

    def _say(self, text: str, kind: str) -> None:
        self.status.setText(text)
        set_style_state(self.status, "kind", kind)
