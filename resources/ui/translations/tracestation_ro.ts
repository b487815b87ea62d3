<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ro_RO">
<context>
    <name>AsBuiltModel</name>
    <message>
        <location filename="../../../src/tracestation/ui/trace/tree_model.py" line="+86"/>
        <source>Part / serial or lot</source>
        <translation>Reper / serie sau lot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Op</source>
        <translation>Op.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Installed</source>
        <translation>Montat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed</source>
        <translation>Demontat</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>lot</source>
        <translation>lot</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kitted to {work_order}</source>
        <translation>kitat pentru {work_order}</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <location filename="../../../src/tracestation/ui/scan/checklist.py" line="+25"/>
        <source>Done</source>
        <translation>Gata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part</source>
        <translation>Reper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Descriere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In / needed</source>
        <translation>Montat / necesar</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>done</source>
        <translation>gata</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>still needed</source>
        <translation>încă necesar</translation>
    </message>
</context>
<context>
    <name>ConflictsForm</name>
    <message>
        <location filename="../../../src/tracestation/ui/lead/conflicts_form.py" line="+30"/>
        <source>Refresh</source>
        <translation>Reîmprospătează</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove link: the child stays in one unit</source>
        <translation>Elimină legătura: componenta rămâne într-o singură unitate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept, with a deviation</source>
        <translation>Acceptă, cu o derogare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scrap the unit or lot</source>
        <translation>Casează unitatea sau lotul</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why (shown in the record)</source>
        <translation>De ce (apare în înregistrare)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve conflict</source>
        <translation>Rezolvă conflictul</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Resolve the selected conflict</source>
        <translation>Rezolvă conflictul selectat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolution</source>
        <translation>Rezolvare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep it in</source>
        <translation>Păstreaz-o în</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motiv</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Open conflicts, oldest first: {count}</source>
        <translation>Conflicte deschise, cele mai vechi întâi: {count}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No open conflicts.</source>
        <translation>Niciun conflict deschis.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose the unit the child really is in</source>
        <translation>Alegeți unitatea în care se află de fapt componenta</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only for a child installed in two units</source>
        <translation>Doar pentru o componentă montată în două unități</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location filename="../../../src/tracestation/ui/lead/conflicts.py" line="+13"/>
        <source>carton over capacity</source>
        <translation>cutie peste capacitate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>child installed twice</source>
        <translation>componentă montată de două ori</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>does not fit the record</source>
        <translation>nu se potrivește cu înregistrarea</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>serial used twice</source>
        <translation>serie folosită de două ori</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>carton SSCC used twice</source>
        <translation>SSCC de cutie folosit de două ori</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lot not released</source>
        <translation>lot neeliberat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>more used than on hand</source>
        <translation>consum peste stoc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown unit or lot</source>
        <translation>unitate sau lot necunoscut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong operation</source>
        <translation>operație greșită</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>When</source>
        <translation>Când</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Subiect</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stations</source>
        <translation>Stații</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nonconformance</source>
        <translation>Neconformitate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened</source>
        <translation>Ce s-a întâmplat</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{detail}
Conflict {id}</source>
        <translation>{detail}
Conflictul {id}</translation>
    </message>
</context>
<context>
    <name>DemoOffer</name>
    <message>
        <location filename="../../../src/tracestation/ui/demo_offer.py" line="+29"/>
        <source>This station&apos;s database has no operators or work orders yet. Load the demo plant to try it: badges B-1001 (operator) and B-9001 (lead, PIN 4321), work orders WO-2001 and WO-1001.</source>
        <translation>Baza de date a stației nu are încă operatori sau comenzi de lucru. Încărcați fabrica demonstrativă ca s-o încercați: ecusoanele B-1001 (operator) și B-9001 (șef de linie, PIN 4321), comenzile de lucru WO-2001 și WO-1001.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Load the demo plant</source>
        <translation>Încărcați fabrica demo</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Loading the demo plant…</source>
        <translation>Se încarcă fabrica demo…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The demo plant could not be loaded: {error}</source>
        <translation>Fabrica demo nu a putut fi încărcată: {error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try again</source>
        <translation>Încercați din nou</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Demo plant loaded. Scan badge B-1001 to start.</source>
        <translation>Fabrica demo a fost încărcată. Scanați ecusonul B-1001 pentru a începe.</translation>
    </message>
</context>
<context>
    <name>DeskReprintPreview</name>
    <message>
        <location filename="../../../src/tracestation/ui/lead/reprint_preview.py" line="+71"/>
        <source>Drawing the label of {subject}…</source>
        <translation>Se desenează eticheta pentru {subject}…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reprinting this label of {subject}.</source>
        <translation>Se retipărește această etichetă pentru {subject}.</translation>
    </message>
</context>
<context>
    <name>DeviationsModel</name>
    <message>
        <location filename="../../../src/tracestation/ui/lead/deviations.py" line="+16"/>
        <source>When</source>
        <translation>Când</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule waived</source>
        <translation>Regulă ridicată</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Subiect</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order</source>
        <translation>Comandă de lucru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed by</source>
        <translation>Semnat de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meaning</source>
        <translation>Semnificație</translation>
    </message>
</context>
<context>
    <name>GS1Words</name>
    <message>
        <location filename="../../../src/tracestation/ui/translatable_messages.py" line="+282"/>
        <source>a date as YYMMDD</source>
        <translation>o dată în forma AALLZZ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>up to {count} digits</source>
        <translation>cel mult {count} cifre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>up to {count} characters</source>
        <translation>cel mult {count} caractere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exactly {count} digits</source>
        <translation>exact {count} cifre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exactly {count} characters</source>
        <translation>exact {count} caractere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{pattern}</source>
        <translation>{pattern}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{before} then {after}</source>
        <translation>{before}, apoi {after}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSCC</source>
        <translation>SSCC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CONTENT</source>
        <translation>CONȚINUT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BATCH/LOT</source>
        <translation>LOT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PROD DATE</source>
        <translation>DATA FABRICAȚIEI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DUE DATE</source>
        <translation>DATA SCADENȚEI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PACK DATE</source>
        <translation>DATA AMBALĂRII</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BEST BEFORE or BEST BY</source>
        <translation>A SE CONSUMA DE PREFERINȚĂ ÎNAINTE DE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SELL BY</source>
        <translation>A SE VINDE ÎNAINTE DE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>USE BY or EXPIRY</source>
        <translation>DATA EXPIRĂRII</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SERIAL</source>
        <translation>NUMĂR DE SERIE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VAR. COUNT</source>
        <translation>CANTITATE VARIABILĂ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>COUNT</source>
        <translation>CANTITATE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ADDITIONAL ID</source>
        <translation>IDENTIFICARE SUPLIMENTARĂ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CUST. PART No.</source>
        <translation>COD PIESĂ CLIENT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ORDER NUMBER</source>
        <translation>NUMĂR COMANDĂ</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../../src/tracestation/ui/scan/history.py" line="+47"/>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scan</source>
        <translation>Scanare</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>Rezultat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Mesaj</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>accepted</source>
        <translation>acceptat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected</source>
        <translation>respins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>needs lead</source>
        <translation>cere șef linie</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>{scan} (manual)</source>
        <translation>{scan} (manual)</translation>
    </message>
</context>
<context>
    <name>InstructionsPanel</name>
    <message>
        <location filename="../../../src/tracestation/ui/scan/instructions.py" line="+51"/>
        <source>Work instructions · operation {operation}</source>
        <translation>Instrucțiuni de lucru · operația {operation}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Image not found or not readable: {path}</source>
        <translation>Imaginea nu există sau nu se poate citi: {path}</translation>
    </message>
</context>
<context>
    <name>KnowledgeNotice</name>
    <message>
        <location filename="../../../src/tracestation/ui/sync_status.py" line="+161"/>
        <source>This station&apos;s knowledge of holds and other stations&apos; work is {minutes} minutes old: it has not synced with the central database since {time}. Call a line lead.</source>
        <translation>Ce știe această stație despre loturile blocate și despre lucrul altor stații are o vechime de {minutes} minute: nu s-a mai sincronizat cu baza de date centrală din {time}. Chemați șeful de linie.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This station has never synced with the central database and has been trying for {minutes} minutes: it knows nothing of holds or other stations&apos; work beyond its own. Call a line lead.</source>
        <translation>Această stație nu s-a sincronizat niciodată cu baza de date centrală și încearcă de {minutes} minute: nu știe nimic despre loturile blocate sau despre lucrul altor stații în afară de al ei. Chemați șeful de linie.</translation>
    </message>
</context>
<context>
    <name>LabelsTab</name>
    <message>
        <location filename="../../../src/tracestation/ui/lead/labels_tab.py" line="+52"/>
        <source>Refresh</source>
        <translation>Reîmprospătează</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unit label</source>
        <translation>Etichetă de unitate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carton label</source>
        <translation>Etichetă de cutie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serial, PART/SERIAL or SSCC (or scan it)</source>
        <translation>Serie, REPER/SERIE sau SSCC (sau scanați-l)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the label</source>
        <translation>Arată eticheta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a label in the list, or give one and show it.</source>
        <translation>Alegeți o etichetă din listă sau indicați una și afișați-o.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reprint this label</source>
        <translation>Retipărește această etichetă</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Print jobs of this station, newest first</source>
        <translation>Lucrările de tipărire ale acestei stații, cele mai noi întâi</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Give a serial, PART/SERIAL or an SSCC first.</source>
        <translation>Indicați mai întâi o serie, REPER/SERIE sau un SSCC.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Drawing the label…</source>
        <translation>Se desenează eticheta…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This is the label as it will print. Sign above and reprint it.</source>
        <translation>Aceasta este eticheta așa cum se va tipări. Semnați mai sus și retipăriți-o.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No unit or carton {subject} is recorded.</source>
        <translation>Nu există nicio unitate sau cutie {subject} înregistrată.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serial {subject} exists for several parts: give PART/SERIAL.</source>
        <translation>Seria {subject} există pentru mai multe repere: introduceți REPER/SERIE.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The label cannot be shown: {error}</source>
        <translation>Eticheta nu poate fi afișată: {error}</translation>
    </message>
</context>
<context>
    <name>LeadCommands</name>
    <message>
        <location filename="../../../src/tracestation/ui/translatable_messages.py" line="-46"/>
        <source>Put a lot on hold</source>
        <translation>Pune un lot în așteptare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release a lot</source>
        <translation>Eliberează un lot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarantine a lot</source>
        <translation>Pune un lot în carantină</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scrap a lot</source>
        <translation>Casează un lot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reprint a unit&apos;s or a carton&apos;s label</source>
        <translation>Retipărește eticheta unei unități sau a unei cutii</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nonconformance: rework</source>
        <translation>Neconformitate: reprelucrare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nonconformance: scrap</source>
        <translation>Neconformitate: casare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nonconformance: use as is</source>
        <translation>Neconformitate: utilizare ca atare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nonconformance: return to vendor</source>
        <translation>Neconformitate: returnare la furnizor</translation>
    </message>
</context>
<context>
    <name>LeadDesk</name>
    <message>
        <location line="-28"/>
        <source>Scan your lead badge to sign an action.</source>
        <translation>Scanați ecusonul de șef de linie pentru a semna o acțiune.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Badge {badge}: scan your PIN.</source>
        <translation>Ecuson {badge}: scanați PIN-ul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN read. Scan the reason code (RSN:...) from the command sheet.</source>
        <translation>PIN citit. Scanați codul de motiv (RSN:...) de pe foaia de comenzi.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason {reason}. Scan the action from the command sheet (CMD:HOLD, CMD:REPRINT, CMD:NC-REWORK...).</source>
        <translation>Motiv {reason}. Scanați acțiunea de pe foaia de comenzi (CMD:HOLD, CMD:REPRINT, CMD:NC-REWORK...).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{command}: scan the lot (LOT:...).</source>
        <translation>{command}: scanați lotul (LOT:...).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{command}: scan the unit (SN:...) or the carton label whose label is to be reprinted.</source>
        <translation>{command}: scanați unitatea (SN:...) sau eticheta cutiei a cărei etichetă se retipărește.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{command}: scan the unit (SN:...) or the lot (LOT:...).</source>
        <translation>{command}: scanați unitatea (SN:...) sau lotul (LOT:...).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{command} on {subject}: scan the defect code (DEF:...).</source>
        <translation>{command} pentru {subject}: scanați codul de defect (DEF:...).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{command} on {subject}, signed with badge {badge}: working...</source>
        <translation>{command} pentru {subject}, semnat cu ecusonul {badge}: se lucrează...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled: nothing was signed. Scan your badge to start again.</source>
        <translation>Anulat: nu s-a semnat nimic. Scanați ecusonul pentru a începe din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was scanned for a while: the badge and PIN were forgotten. Scan your badge to start again.</source>
        <translation>Nu s-a scanat nimic de ceva vreme: ecusonul și PIN-ul au fost uitate. Scanați ecusonul pentru a începe din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan your badge before the PIN.</source>
        <translation>Scanați ecusonul înainte de PIN.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign first: scan your badge, then your PIN, then the reason code.</source>
        <translation>Semnați întâi: scanați ecusonul, apoi PIN-ul, apoi codul de motiv.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan your badge, PIN and a reason code (RSN:...) before the action.</source>
        <translation>Scanați ecusonul, PIN-ul și un cod de motiv (RSN:...) înainte de acțiune.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CMD:{command} is not a lead&apos;s action. Scan an action from the lead&apos;s command sheet.</source>
        <translation>CMD:{command} nu este o acțiune a șefului de linie. Scanați o acțiune de pe foaia de comenzi a șefului de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{scan} is not what {command} needs.</source>
        <translation>{scan} nu este ce îi trebuie lui {command}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{scan} is not a step of the lead&apos;s desk.</source>
        <translation>{scan} nu este un pas al biroului șefului de linie.</translation>
    </message>
</context>
<context>
    <name>LeadPage</name>
    <message>
        <location filename="../../../src/tracestation/ui/lead/lead_page.py" line="+54"/>
        <source>Lead badge (scan it here)</source>
        <translation>Ecusonul șefului de linie (scanați-l aici)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+112"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Sign with your badge and PIN, then choose an action.</source>
        <translation>Semnați cu ecusonul și PIN-ul, apoi alegeți o acțiune.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Lots</source>
        <translation>Loturi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nonconformance</source>
        <translation>Neconformitate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deviations</source>
        <translation>Derogări</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels</source>
        <translation>Etichete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PINs</source>
        <translation>PIN-uri</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+154"/>
        <source>Conflicts</source>
        <translation>Conflicte</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>Signed by</source>
        <translation>Semnat de</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>PIN:****</source>
        <translation>PIN:****</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A lead signs this: scan or type your badge and PIN above.</source>
        <translation>Aceasta se semnează de un șef de linie: scanați sau tastați ecusonul și PIN-ul mai sus.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Working…</source>
        <translation>Se lucrează…</translation>
    </message>
    <message>
        <location filename="../../../src/tracestation/ui/translatable_messages.py" line="-33"/>
        <source>Lot {lot}: {action} done, signed by {name}.</source>
        <translation>Lotul {lot}: {action} efectuat(ă), semnat de {name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{qty} of {lot} split into new lot {new_lot}, signed by {name}.</source>
        <translation>{qty} din {lot} au fost separate în lotul nou {new_lot}, semnat de {name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} lots merged into {new_lot}, signed by {name}.</source>
        <translation>{count} loturi au fost unite în {new_lot}, semnat de {name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nonconformance {number} opened on {subject}, signed by {name}.</source>
        <translation>Neconformitatea {number} a fost deschisă pe {subject}, semnată de {name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nonconformance {number} closed, signed by {name}.</source>
        <translation>Neconformitatea {number} a fost închisă, semnat de {name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict {conflict} resolved ({resolution}), signed by {name}.</source>
        <translation>Conflictul {conflict} a fost rezolvat ({resolution}), semnat de {name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The PIN of {locked_name} ({badge}) is unlocked, signed by {name}.</source>
        <translation>PIN-ul lui {locked_name} ({badge}) este deblocat, semnat de {name}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No unit or carton {subject} is recorded.</source>
        <translation>Nu există nicio unitate sau cutie {subject} înregistrată.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial {subject} exists for several parts: give PART/SERIAL.</source>
        <translation>Seria {subject} există pentru mai multe repere: introduceți REPER/SERIE.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Perhaps done: the connection to the database broke while it was being saved ({detail}). Look at the record before doing it again.</source>
        <translation>Poate efectuat: legătura cu baza de date s-a întrerupt în timp ce era salvat ({detail}). Verificați înregistrarea înainte de a-l face din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not done: {detail}</source>
        <translation>Neefectuat: {detail}</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Reprint of {subject} recorded, signed by {name}; the label did not print ({printer_fault}): it is kept and printed when the printer answers.</source>
        <translation>Retipărirea {subject} a fost înregistrată, semnată de {name}; eticheta nu s-a tipărit ({printer_fault}): este păstrată și se tipărește când imprimanta răspunde.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Label of {subject} reprinted, signed by {name}.</source>
        <translation>Eticheta {subject} a fost retipărită, semnată de {name}.</translation>
    </message>
    <message>
        <location filename="../../../src/tracestation/ui/lead/lead_page.py" line="+32"/>
        <source>link removed</source>
        <translation>legătură eliminată</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted with a deviation</source>
        <translation>acceptat cu o derogare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scrapped</source>
        <translation>casat</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Conflicts ({count})</source>
        <translation>Conflicte ({count})</translation>
    </message>
    <message>
        <location filename="../../../src/tracestation/ui/translatable_messages.py" line="+4"/>
        <source>Not done, the station failed: {detail}</source>
        <translation>Neefectuat, stația a avut o eroare: {detail}</translation>
    </message>
    <message>
        <location filename="../../../src/tracestation/ui/lead/lead_page.py" line="-21"/>
        <source>hold</source>
        <translation>blocare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>release</source>
        <translation>eliberare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quarantine</source>
        <translation>carantină</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scrap</source>
        <translation>casare</translation>
    </message>
</context>
<context>
    <name>LeadReasons</name>
    <message>
        <location filename="../../../src/tracestation/ui/translatable_messages.py" line="+38"/>
        <source>Suspected quality problem</source>
        <translation>Problemă de calitate suspectată</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supplier problem or missing certificate</source>
        <translation>Problemă de la furnizor sau certificat lipsă</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damaged in handling</source>
        <translation>Deteriorat la manipulare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired or out of its shelf life</source>
        <translation>Expirat sau în afara duratei de valabilitate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engineering decision</source>
        <translation>Decizie de inginerie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer request</source>
        <translation>Cererea clientului</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label damaged or unreadable</source>
        <translation>Etichetă deteriorată sau ilizibilă</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label lost</source>
        <translation>Etichetă pierdută</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checked and cleared</source>
        <translation>Verificat și eliberat</translation>
    </message>
</context>
<context>
    <name>LotActionsForm</name>
    <message>
        <location filename="../../../src/tracestation/ui/lead/lot_actions_form.py" line="+26"/>
        <source>PART/LOT, e.g. SCREW-M3/L-2291 (or scan the lot label)</source>
        <translation>REPER/LOT, de ex. SCREW-M3/L-2291 (sau scanați eticheta lotului)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why (shown in the record)</source>
        <translation>De ce (apare în înregistrare)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold</source>
        <translation>Blocare</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release</source>
        <translation>Eliberare</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quarantine</source>
        <translation>Carantină</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scrap</source>
        <translation>Casare</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quantity to split off</source>
        <translation>Cantitatea de separat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New lot code (optional)</source>
        <translation>Codul lotului nou (opțional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+21"/>
        <source>Split</source>
        <translation>Separare</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Other lots: PART/LOT, separated by spaces</source>
        <translation>Alte loturi: REPER/LOT, separate prin spații</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merged lot code (optional)</source>
        <translation>Codul lotului unit (opțional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge</source>
        <translation>Unire</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motiv</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Disposition</source>
        <translation>Decizie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quantity</source>
        <translation>Cantitate</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>New lot</source>
        <translation>Lot nou</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Merge into a new lot</source>
        <translation>Unire într-un lot nou</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With</source>
        <translation>Cu</translation>
    </message>
</context>
<context>
    <name>ManualEntry</name>
    <message>
        <location filename="../../../src/tracestation/ui/scan/manual_entry.py" line="+72"/>
        <source>Damaged label?</source>
        <translation>Etichetă deteriorată?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type what the label says, then press Enter</source>
        <translation>Tastați ce scrie pe etichetă, apoi apăsați Enter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manual entry</source>
        <translation>Introducere manuală</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter by hand</source>
        <translation>Introduceți manual</translation>
    </message>
</context>
<context>
    <name>NonconformanceForm</name>
    <message>
        <location filename="../../../src/tracestation/ui/lead/nonconformance_form.py" line="+19"/>
        <source>e.g. NC-0042</source>
        <translation>de ex. NC-0042</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unit</source>
        <translation>Unitate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PART/SERIAL or PART/LOT (or scan its label)</source>
        <translation>REPER/SERIE sau REPER/LOT (sau scanați eticheta)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Defect code, e.g. SOLDER-BRIDGE</source>
        <translation>Cod de defect, de ex. SOLDER-BRIDGE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the lot on hold</source>
        <translation>Blocați lotul</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What is wrong, where, how many</source>
        <translation>Ce nu este în regulă, unde, câte bucăți</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use as is</source>
        <translation>Utilizare ca atare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rework</source>
        <translation>Remediere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scrap</source>
        <translation>Casare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return to vendor</source>
        <translation>Retur la furnizor</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open nonconformance</source>
        <translation>Deschideți neconformitatea</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number</source>
        <translation>Număr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Subiect</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Defect</source>
        <translation>Defect</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Descriere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disposition</source>
        <translation>Decizie</translation>
    </message>
</context>
<context>
    <name>OverrideSteps</name>
    <message>
        <location filename="../../../src/tracestation/ui/scan/override_steps.py" line="+31"/>
        <source>Any other scan cancels the override.</source>
        <translation>Orice altă scanare anulează derogarea.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>expired lot</source>
        <translation>lot expirat</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing waits for a lead&apos;s signature.</source>
        <translation>Nimic nu așteaptă semnătura unui șef de linie.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Override of “{rule}” for {subject}</source>
        <translation>Derogare de la „{rule}” pentru {subject}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lead badge: {name}</source>
        <translation>Ecusonul șefului de linie: {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lead badge: scan it</source>
        <translation>Ecusonul șefului de linie: scanați-l</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PIN accepted</source>
        <translation>PIN acceptat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN: scan PIN:&lt;n&gt;</source>
        <translation>PIN: scanați PIN:&lt;n&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason: {code}</source>
        <translation>Motiv: {code}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason code: scan RSN:&lt;code&gt;</source>
        <translation>Codul motivului: scanați RSN:&lt;cod&gt;</translation>
    </message>
</context>
<context>
    <name>PinForm</name>
    <message>
        <location filename="../../../src/tracestation/ui/lead/pin_form.py" line="+22"/>
        <source>A lead&apos;s PIN locks after too many wrong tries. It unlocks when its time runs out, or here, signed by another lead.</source>
        <translation>PIN-ul unui șef de linie se blochează după prea multe încercări greșite. Se deblochează când îi expiră timpul sau aici, cu semnătura altui șef de linie.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Badge of the locked lead (scan it here)</source>
        <translation>Ecusonul șefului de linie blocat (scanați-l aici)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why (shown in the record)</source>
        <translation>De ce (apare în înregistrare)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlock PIN</source>
        <translation>Deblocați PIN-ul</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Badge</source>
        <translation>Ecuson</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motiv</translation>
    </message>
</context>
<context>
    <name>PrintJobsModel</name>
    <message>
        <location filename="../../../src/tracestation/ui/lead/print_jobs_model.py" line="+23"/>
        <source>Queued at</source>
        <translation>Pusă în coadă la</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label</source>
        <translation>Etichetă</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Stare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tries</source>
        <translation>Încercări</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed at</source>
        <translation>Tipărită la</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reprint by</source>
        <translation>Retipărită de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The printer said</source>
        <translation>Imprimanta a spus</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>carton {sscc}</source>
        <translation>cutia {sscc}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unit {subject}</source>
        <translation>unitatea {subject}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>printed</source>
        <translation>tipărită</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>queued</source>
        <translation>în coadă</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>printing</source>
        <translation>se tipărește</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not printed, kept</source>
        <translation>netipărită, păstrată</translation>
    </message>
</context>
<context>
    <name>PrintNotice</name>
    <message>
        <location filename="../../../src/tracestation/ui/print_notice.py" line="+55"/>
        <source>Labels waiting for the printer: {count}.</source>
        <translation>Etichete care așteaptă imprimanta: {count}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The labels that waited are printed.</source>
        <translation>Etichetele care așteptau au fost tipărite.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Labels not printed: {count}. The printer said: {error}. They are kept and printed when the printer answers.</source>
        <translation>Etichete netipărite: {count}. Imprimanta a spus: {error}. Sunt păstrate și tipărite când imprimanta răspunde.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Labels not printed: {count}. The printer said: {error}. They are kept; next try at {time}.</source>
        <translation>Etichete netipărite: {count}. Imprimanta a spus: {error}. Sunt păstrate; următoarea încercare la {time}.</translation>
    </message>
</context>
<context>
    <name>RecordWords</name>
    <message>
        <location filename="../../../src/tracestation/ui/translatable_messages.py" line="+30"/>
        <source>in_process</source>
        <translation>în lucru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finished</source>
        <translation>terminat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>passed</source>
        <translation>test trecut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>test picat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in_rework</source>
        <translation>în reparație</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scrapped</source>
        <translation>casat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>packed</source>
        <translation>ambalat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shipped</source>
        <translation>expediat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>released</source>
        <translation>eliberat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hold</source>
        <translation>blocat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quarantine</source>
        <translation>în carantină</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>respins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>consumed</source>
        <translation>consumat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>consume</source>
        <translation>consum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assemble</source>
        <translation>asamblare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test</source>
        <translation>testare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pack</source>
        <translation>ambalare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inspect</source>
        <translation>inspecție</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location line="-186"/>
        <source>A disposition needs a reason (--reason).</source>
        <translation>O dispoziție are nevoie de un motiv (--reason).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} is used up; its disposition cannot change.</source>
        <translation>Lotul {lot} este consumat; dispoziția lui nu se mai poate schimba.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} was scrapped; a scrapped lot stays scrapped.</source>
        <translation>Lotul {lot} a fost casat; un lot casat rămâne casat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} is already {status}.</source>
        <translation>Lotul {lot} este deja {status}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} is {status}; it cannot be split.</source>
        <translation>Lotul {lot} este {status}; nu poate fi divizat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split quantity must be more than 0 and less than the {on_hand} on hand of {lot}.</source>
        <translation>Cantitatea divizată trebuie să fie mai mare decât 0 și mai mică decât cele {on_hand} în stoc din {lot}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A merge needs at least two lots.</source>
        <translation>O comasare are nevoie de cel puțin două loturi.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only lots of one part merge; got {parts}.</source>
        <translation>Se comasează doar loturi ale aceluiași reper; s-au primit {parts}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A lot is listed twice.</source>
        <translation>Un lot apare de două ori.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} is {status}; only released lots merge (a merge would spread its status).</source>
        <translation>Lotul {lot} este {status}; se comasează doar loturi eliberate (comasarea i-ar răspândi starea).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} has nothing on hand.</source>
        <translation>Lotul {lot} nu mai are nimic în stoc.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} is not recorded. Check the part and lot.</source>
        <translation>Lotul {lot} nu este înregistrat. Verificați reperul și lotul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} already exists; choose another code.</source>
        <translation>Lotul {lot} există deja; alegeți alt cod.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit {unit} is not recorded.</source>
        <translation>Unitatea {unit} nu este înregistrată.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disposition must be one of {choices}.</source>
        <translation>Dispoziția trebuie să fie una dintre {choices}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A nonconformance needs a defect code.</source>
        <translation>O neconformitate are nevoie de un cod de defect.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defect code {defect} is not in the defect catalogue (tracestation defects list).</source>
        <translation>Codul de defect {defect} nu este în catalogul de defecte (tracestation defects list).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nonconformance {number} already exists; choose another number.</source>
        <translation>Neconformitatea {number} există deja; alegeți alt număr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no nonconformance {number}. List them with `tracestation nc list`.</source>
        <translation>Nu există neconformitatea {number}. Listați-le cu `tracestation nc list`.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nonconformance {number} is already closed.</source>
        <translation>Neconformitatea {number} este deja închisă.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only a lot&apos;s nonconformance puts it on hold; {subject} is a unit.</source>
        <translation>Doar neconformitatea unui lot îl blochează; {subject} este o unitate.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; is not PART/LOT (for example SCREW-M3/L-2291).</source>
        <translation>„{text}” nu este REPER/LOT (de exemplu SCREW-M3/L-2291).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{text}&apos; is not a quantity.</source>
        <translation>„{text}” nu este o cantitate.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{badge} is not a known badge.</source>
        <translation>{badge} nu este un ecuson cunoscut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} ({badge}) is not a line lead; a lead must sign this.</source>
        <translation>{name} ({badge}) nu este șef de linie; un șef de linie trebuie să semneze.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong PIN for {name} ({left} of {limit} tries left before it locks). Nothing was changed.</source>
        <translation>PIN greșit pentru {name} (mai rămân {left} din {limit} încercări până la blocare). Nu s-a schimbat nimic.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong PIN for {name} {attempts} times: the PIN is locked until {until}, or until another lead unlocks it. Nothing was changed.</source>
        <translation>PIN greșit pentru {name} de {attempts} ori: PIN-ul este blocat până la {until} sau până când îl deblochează alt șef de linie. Nu s-a schimbat nimic.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN of {name} is locked after {attempts} wrong tries until {until}, or until another lead unlocks it.</source>
        <translation>PIN-ul lui {name} este blocat după {attempts} încercări greșite până la {until} sau până când îl deblochează alt șef de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The PIN of {name} ({badge}) is not locked and has no wrong tries to clear.</source>
        <translation>PIN-ul lui {name} ({badge}) nu este blocat și nu are încercări greșite de șters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} cannot unlock their own PIN: another lead signs the unlock.</source>
        <translation>{name} nu își poate debloca propriul PIN: deblocarea o semnează alt șef de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no conflict {conflict}. List them with `tracestation conflicts`.</source>
        <translation>Nu există conflictul {conflict}. Listați-le cu `tracestation conflicts`.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict {conflict} is already resolved.</source>
        <translation>Conflictul {conflict} este deja rezolvat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A conflict is resolved by one of {choices}.</source>
        <translation>Un conflict se rezolvă prin una dintre {choices}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{child} sits in {parents}: say which unit it really is in (--keep PART/SERIAL).</source>
        <translation>{child} se află în {parents}: spuneți în ce unitate este de fapt (--keep PART/SERIAL).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{parent} does not hold it; it sits in {parents}.</source>
        <translation>{parent} nu îl conține; se află în {parents}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict {conflict} ({kind}) is not about a link: accept it or scrap its subject.</source>
        <translation>Conflictul {conflict} ({kind}) nu privește o legătură: acceptați-l sau casați-i subiectul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{subject} is not a unit or a lot: accept the conflict instead.</source>
        <translation>{subject} nu este o unitate sau un lot: acceptați conflictul în schimb.</translation>
    </message>
</context>
<context>
    <name>ScanDesk</name>
    <message>
        <location filename="../../../src/tracestation/ui/lead/scan_desk.py" line="+59"/>
        <source>Badge {badge}</source>
        <translation>Ecuson {badge}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Badge: scan it</source>
        <translation>Ecuson: scanați-l</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN ****</source>
        <translation>PIN ****</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PIN: scan PIN:&lt;n&gt;</source>
        <translation>PIN: scanați PIN:&lt;n&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason {reason}</source>
        <translation>Motiv {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: scan RSN:&lt;code&gt;</source>
        <translation>Motiv: scanați RSN:&lt;cod&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action: scan CMD:&lt;action&gt;</source>
        <translation>Acțiune: scanați CMD:&lt;acțiune&gt;</translation>
    </message>
</context>
<context>
    <name>ScanErrors</name>
    <message>
        <location filename="../../../src/tracestation/ui/translatable_messages.py" line="+4"/>
        <source>The station could not read this scan (internal error: {error}). Scan the label again; if it keeps failing, call a line lead.</source>
        <translation>Stația nu a putut citi această scanare (eroare internă: {error}). Scanați eticheta din nou; dacă tot nu merge, chemați un șef de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scan is {length} characters long, more than any label holds ({limit}): several scans may have run together. Scan the label again, one label at a time.</source>
        <translation>Scanarea are {length} caractere, mai mult decât cuprinde orice etichetă ({limit}): poate s-au unit mai multe scanări. Scanați eticheta din nou, câte una.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scan was empty. Scan the label again.</source>
        <translation>Scanarea a fost goală. Scanați eticheta din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part of the scan {scan} could not be read: the scanner sent bytes that are not text ({bytes}). Check the scanner&apos;s character set (UTF-8 or ASCII) and scan the label again.</source>
        <translation>O parte din scanarea {scan} nu a putut fi citită: scanerul a trimis octeți care nu sunt text ({bytes}). Verificați setul de caractere al scanerului (UTF-8 sau ASCII) și scanați eticheta din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part of the scan {scan} could not be read: the scanner sent bytes that are not text. Check the scanner&apos;s character set (UTF-8 or ASCII) and scan the label again.</source>
        <translation>O parte din scanarea {scan} nu a putut fi citită: scanerul a trimis octeți care nu sunt text. Verificați setul de caractere al scanerului (UTF-8 sau ASCII) și scanați eticheta din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scan {scan} holds control characters that are not part of any label ({controls}): the scanner sent bytes that are not text. Check the scanner&apos;s prefix, suffix and character set, then scan the label again or enter it by hand.</source>
        <translation>Scanarea {scan} conține caractere de control care nu fac parte din nicio etichetă ({controls}): scanerul a trimis octeți care nu sunt text. Verificați prefixul, sufixul și setul de caractere al scanerului, apoi scanați eticheta din nou sau introduceți-o manual.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scan {scan} holds a PIN run together with another label. Scan one label at a time.</source>
        <translation>Scanarea {scan} conține un PIN unit cu altă etichetă. Scanați câte o etichetă.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The {prefix}: label is empty. Scan a complete label.</source>
        <translation>Eticheta {prefix}: este goală. Scanați o etichetă completă.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CMD:{command} is not a station command. Known commands: {known}.</source>
        <translation>CMD:{command} nu este o comandă a stației. Comenzi cunoscute: {known}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PIN is digits only. Scan the PIN label again.</source>
        <translation>Un PIN are numai cifre. Scanați din nou eticheta cu PIN-ul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A LOT: label names the part and the lot, as LOT:&lt;part&gt;/&lt;lot&gt;; got LOT:{body}.</source>
        <translation>O etichetă LOT: numește piesa și lotul, ca LOT:&lt;piesă&gt;/&lt;lot&gt;; s-a primit LOT:{body}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SN:{body} is incomplete: use SN:&lt;serial&gt; or SN:&lt;part&gt;/&lt;serial&gt;.</source>
        <translation>SN:{body} este incomplet: folosiți SN:&lt;serie&gt; sau SN:&lt;piesă&gt;/&lt;serie&gt;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QTY:{body} is not a number. Scan a QTY:&lt;n&gt; label such as QTY:4.</source>
        <translation>QTY:{body} nu este un număr. Scanați o etichetă QTY:&lt;n&gt;, de exemplu QTY:4.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QTY:{body} must be a positive number.</source>
        <translation>QTY:{body} trebuie să fie un număr pozitiv.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GS1 barcode holds no data. Scan the label again.</source>
        <translation>Codul de bare GS1 nu conține date. Scanați eticheta din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GS1 barcode holds characters no GS1 barcode can carry; the scanner&apos;s keyboard layout may not match the station&apos;s. Check the scanner settings and scan again.</source>
        <translation>Codul de bare GS1 conține caractere pe care niciun cod GS1 nu le poate purta; aranjamentul de tastatură al scanerului poate să nu fie cel al stației. Verificați setările scanerului și scanați din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GS1 barcode holds control characters other than the group separator. Scan the label again.</source>
        <translation>Codul de bare GS1 conține caractere de control, altele decât separatorul de grup. Scanați eticheta din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GS1 barcode could not be read: it starts with {snippet}, which is not a GS1 Application Identifier.</source>
        <translation>Codul de bare GS1 nu a putut fi citit: începe cu {snippet}, care nu este un identificator de aplicație GS1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GS1 barcode could not be read: after ({ai}) {value} comes {snippet}, which is not a GS1 Application Identifier.</source>
        <translation>Codul de bare GS1 nu a putut fi citit: după ({ai}) {value} urmează {snippet}, care nu este un identificator de aplicație GS1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GS1 barcode could not be read: ({ai}) {title} is empty; it must hold {format}.</source>
        <translation>Codul de bare GS1 nu a putut fi citit: ({ai}) {title} este gol; trebuie să conțină {format}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GS1 barcode could not be read: ({ai}) {title} holds {snippet}, but must hold {format}.</source>
        <translation>Codul de bare GS1 nu a putut fi citit: ({ai}) {title} conține {snippet}, dar trebuie să conțină {format}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GS1 barcode could not be read: ({ai}) {title} holds {value}, which is not a valid date.</source>
        <translation>Codul de bare GS1 nu a putut fi citit: ({ai}) {title} conține {value}, care nu este o dată validă.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ({ai}) {title} {value} may have run on into the next field: the scanner may be dropping the FNC1 group separator. Set it to send ASCII 29, or one of the substitutes configured for this station.</source>
        <translation>({ai}) {title} {value} poate s-a prelungit în câmpul următor: scanerul poate pierde separatorul de grup FNC1. Setați-l să trimită ASCII 29 sau unul dintre înlocuitorii configurați pentru această stație.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>({ai}) {title} is empty.</source>
        <translation>({ai}) {title} este gol.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>({ai}) {title} holds characters that GS1 barcodes cannot carry.</source>
        <translation>({ai}) {title} conține caractere pe care codurile de bare GS1 nu le pot purta.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>({ai}) appears twice with different values, {first} and {second}.</source>
        <translation>({ai}) apare de două ori cu valori diferite, {first} și {second}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>({ai}) {name} {key} has a wrong check digit: it should be {expected}, not {actual}.</source>
        <translation>({ai}) {name} {key} are cifra de control greșită: ar trebui să fie {expected}, nu {actual}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{ai} must come with {partners}, which this barcode does not hold.</source>
        <translation>{ai} trebuie să fie însoțit de {partners}, pe care acest cod de bare nu îl conține.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{ai} and {other} must not appear together.</source>
        <translation>{ai} și {other} nu trebuie să apară împreună.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The {symbology} barcode holds {value}, which is not a GTIN (8, 12, 13 or 14 digits). Scan the label again.</source>
        <translation>Codul de bare {symbology} conține {value}, care nu este un GTIN (8, 12, 13 sau 14 cifre). Scanați eticheta din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GTIN {gtin} has a wrong check digit: it should be {expected}, not {actual}.</source>
        <translation>GTIN-ul {gtin} are cifra de control greșită: ar trebui să fie {expected}, nu {actual}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GTIN could not be read: {detail}</source>
        <translation>GTIN-ul nu a putut fi citit: {detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The web address in this barcode holds spaces, control characters or characters a web address cannot carry. Scan the label again.</source>
        <translation>Adresa web din acest cod de bare conține spații, caractere de control sau caractere pe care o adresă web nu le poate purta. Scanați eticheta din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This web address is not a GS1 Digital Link the station can read ({detail}). Scan the item&apos;s GS1 barcode or a station label instead.</source>
        <translation>Această adresă web nu este un GS1 Digital Link pe care stația îl poate citi ({detail}). Scanați în schimb codul de bare GS1 al articolului sau o etichetă a stației.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The label may be damaged or misprinted: scan it again, and if this message stays, set the item aside and call a line lead.</source>
        <translation>Eticheta poate fi deteriorată sau greșit tipărită: scanați-o din nou, iar dacă mesajul rămâne, puneți articolul deoparte și chemați un șef de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ISO/IEC 15434 label ends after its header. Scan the label again; if this message stays, call a line lead.</source>
        <translation>Eticheta ISO/IEC 15434 se termină după antet. Scanați eticheta din nou; dacă mesajul rămâne, chemați un șef de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This ISO/IEC 15434 label uses format {format}; the station reads only format 06 (ANSI MH10.8.2 data identifiers). Scan another label on the package, or call a line lead.</source>
        <translation>Această etichetă ISO/IEC 15434 folosește formatul {format}; stația citește doar formatul 06 (identificatori de date ANSI MH10.8.2). Scanați altă etichetă de pe ambalaj sau chemați un șef de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ISO/IEC 15434 label arrived without its group separators (GS), so its fields cannot be told apart. Set the scanner to send control characters, or a substitute such as {{GS}}, and scan again.</source>
        <translation>Eticheta ISO/IEC 15434 a sosit fără separatorii de grup (GS), deci câmpurile ei nu pot fi deosebite. Setați scanerul să trimită caractere de control sau un înlocuitor precum {{GS}} și scanați din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ISO/IEC 15434 label holds no data. Scan the label again; if this message stays, call a line lead.</source>
        <translation>Eticheta ISO/IEC 15434 nu conține date. Scanați eticheta din nou; dacă mesajul rămâne, chemați un șef de linie.</translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <location filename="../../../src/tracestation/ui/scan/scan_page.py" line="+36"/>
        <source>Next</source>
        <translation>Urmează</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Last scans</source>
        <translation>Ultimele scanări</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Scan: {scan} (entered by hand)</source>
        <translation>Scanare: {scan} (introdusă manual)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scan: {scan}</source>
        <translation>Scanare: {scan}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Unit {unit} · operation {operation} {name}</source>
        <translation>Unitatea {unit} · operația {operation} {name}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unit {unit}</source>
        <translation>Unitatea {unit}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill of materials: scan a unit to see what goes in</source>
        <translation>Lista de materiale: scanați o unitate pentru a vedea ce se montează</translation>
    </message>
</context>
<context>
    <name>SettingsLock</name>
    <message>
        <location filename="../../../src/tracestation/ui/settings/settings_lock.py" line="+34"/>
        <source>The station&apos;s settings (station id, printer, central database) are for a line lead. Scan your badge, then your PIN, and press Enter.</source>
        <translation>Setările stației (identificatorul stației, imprimanta, baza de date centrală) sunt pentru un șef de linie. Scanați-vă ecusonul, apoi PIN-ul, și apăsați Enter.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lead&apos;s badge</source>
        <translation>Ecusonul șefului de linie</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Open the settings</source>
        <translation>Deschideți setările</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Badge</source>
        <translation>Ecuson</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Scan or type a lead&apos;s badge and PIN.</source>
        <translation>Scanați sau tastați ecusonul și PIN-ul unui șef de linie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking…</source>
        <translation>Se verifică…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not opened, the station failed: {detail}</source>
        <translation>Nu s-au deschis, stația a dat eroare: {detail}</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../../src/tracestation/ui/settings/settings_page.py" line="+59"/>
        <source>System language</source>
        <translation>Limba sistemului</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Play a sound for each verdict</source>
        <translation>Redă un sunet pentru fiecare verdict</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter or Tab</source>
        <translation>Enter sau Tab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing (a pause)</source>
        <translation>Nimic (o pauză)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Find ports</source>
        <translation>Caută porturi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add scanner</source>
        <translation>Adaugă scaner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove selected</source>
        <translation>Elimină selecția</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>tcp://10.0.0.20:9100, or a folder for label files</source>
        <translation>tcp://10.0.0.20:9100 sau un dosar pentru fișierele de etichete</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>No printer (labels are logged only)</source>
        <translation>Fără imprimantă (etichetele sunt doar jurnalizate)</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Save settings</source>
        <translation>Salvează setările</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>a folder the tester writes result files in</source>
        <translation>un dosar în care testerul scrie fișierele de rezultate</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Settings file: {path}</source>
        <translation>Fișierul de setări: {path}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Station</source>
        <translation>Stație</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Station id</source>
        <translation>Identificatorul stației</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Limbă</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text size</source>
        <translation>Mărimea textului</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard-wedge scanner</source>
        <translation>Scaner tip tastatură</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longest pause inside a scan</source>
        <translation>Pauza maximă într-o scanare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shortest scan</source>
        <translation>Scanarea cea mai scurtă</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner ends a scan with</source>
        <translation>Scanerul încheie o scanare cu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GS (FNC1) typed as</source>
        <translation>GS (FNC1) tastat ca</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial scanners</source>
        <translation>Scanere seriale</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Baud</source>
        <translation>Baud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminator</source>
        <translation>Terminator</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Printer and central database</source>
        <translation>Imprimantă și bază de date centrală</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label printer</source>
        <translation>Imprimantă de etichete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer address</source>
        <translation>Adresa imprimantei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Central database</source>
        <translation>Baza de date centrală</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tester results folder</source>
        <translation>Dosarul cu rezultatele testerului</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call a lead when knowledge is older than</source>
        <translation>Chemați șeful de linie când informațiile sunt mai vechi de</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Network label printer (ZPL, raw TCP)</source>
        <translation>Imprimantă de etichete în rețea (ZPL, TCP direct)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ZPL files in a folder</source>
        <translation>Fișiere ZPL într-un dosar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files in a folder</source>
        <translation>Fișiere PDF într-un dosar</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opened by {name}. Settings file: {path}</source>
        <translation>Deschise de {name}. Fișierul de setări: {path}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Not saved: {error}</source>
        <translation>Nesalvat: {error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved to {path}. Keyboard timing and the lead&apos;s notice apply now; station id, language, scanners, printer and central database at the next start.</source>
        <translation>Salvat în {path}. Temporizarea tastaturii și anunțul pentru șeful de linie se aplică acum; identificatorul stației, limba, scanerele, imprimanta și baza de date centrală la următoarea pornire.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No serial ports found. Plug the scanner in, or type its path or URL.</source>
        <translation>Nu s-au găsit porturi seriale. Conectați scanerul sau tastați calea ori adresa URL.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Scanner not added: {error}</source>
        <translation>Scanerul nu a fost adăugat: {error}</translation>
    </message>
</context>
<context>
    <name>StationWindow</name>
    <message>
        <location filename="../../../src/tracestation/ui/main_window.py" line="+64"/>
        <source>TraceStation — {station}</source>
        <translation>TraceStation — {station}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Scan</source>
        <translation>Scanare</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line lead</source>
        <translation>Șef de linie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trace</source>
        <translation>Trasabilitate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings</source>
        <translation>Setări</translation>
    </message>
    <message>
        <location line="+196"/>
        <source>The station could not open its database: {detail}</source>
        <translation>Stația nu și-a putut deschide baza de date: {detail}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The settings file could not be read; defaults are in use: {problem}</source>
        <translation>Fișierul de setări nu a putut fi citit; se folosesc valorile implicite: {problem}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Closing with unit {unit} open at operation {operation}: the station resumes it when it starts again (what is scanned is recorded).</source>
        <translation>Se închide cu unitatea {unit} deschisă la operația {operation}: stația o reia când pornește din nou (ce s-a scanat este înregistrat).</translation>
    </message>
</context>
<context>
    <name>SyncField</name>
    <message>
        <location filename="../../../src/tracestation/ui/sync_status.py" line="-133"/>
        <location line="+25"/>
        <source>starting…</source>
        <translation>pornește…</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>database unavailable</source>
        <translation>baza de date indisponibilă</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>standalone</source>
        <translation>autonomă</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No central database is set: every event stays in this station&apos;s own journal. Set one in Settings (or start with --central URL) to sync.</source>
        <translation>Nu este setată o bază de date centrală: fiecare eveniment rămâne în jurnalul propriu al acestei stații. Setați una în Setări (sau porniți cu --central URL) pentru sincronizare.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} pending</source>
        <translation>{count} în așteptare</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sync failed</source>
        <translation>sincronizare eșuată</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>syncing…</source>
        <translation>sincronizare…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>never synced</source>
        <translation>niciodată sincronizat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>synced {time} ({age})</source>
        <translation>sincronizat {time} ({age})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>just now</source>
        <translation>chiar acum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{minutes} min ago</source>
        <translation>acum {minutes} min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{hours} h ago</source>
        <translation>acum {hours} h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{days} d ago</source>
        <translation>acum {days} zile</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Central database: {target}</source>
        <translation>Baza de date centrală: {target}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync attempts failed in a row: {count}. Reason: {error}</source>
        <translation>Încercări de sincronizare eșuate la rând: {count}. Motiv: {error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The station keeps working; its events wait in its own journal.</source>
        <translation>Stația lucrează în continuare; evenimentele ei așteaptă în jurnalul propriu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open conflicts concerning this station: {count}</source>
        <translation>Conflicte deschise care privesc această stație: {count}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next sync at {time}.</source>
        <translation>Următoarea sincronizare la {time}.</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../../src/tracestation/ui/top_bar.py" line="+37"/>
        <source>Station</source>
        <translation>Stație</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order</source>
        <translation>Comandă de lucru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation</source>
        <translation>Operație</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At this operation</source>
        <translation>La această operație</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift</source>
        <translation>Tura</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Units worked at this station (completed, tested, packed) since the login.</source>
        <translation>Unități lucrate la această stație (finalizate, testate, ambalate) de la autentificare.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scanners</source>
        <translation>Scanere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>Sincronizare</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+46"/>
        <source>nobody logged in</source>
        <translation>nimeni autentificat</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Keyboard</source>
        <translation>Tastatură</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{done}/{quantity} done</source>
        <translation>{done}/{quantity} gata</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{done} done · {left} to go</source>
        <translation>{done} gata · {left} rămase</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>At operation {operation}: {done} done, {next} waiting for it, {left} to go. Work order {work_order} in total: {all_done} done, {in_process} in process, {remaining} not started, of {quantity}.</source>
        <translation>La operația {operation}: {done} gata, {next} o așteaptă, {left} rămase. Comanda de lucru {work_order} în total: {all_done} gata, {in_process} în lucru, {remaining} neîncepute, din {quantity}.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{name} connected</source>
        <translation>{name} conectat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} offline</source>
        <translation>{name} deconectat</translation>
    </message>
</context>
<context>
    <name>TracePage</name>
    <message>
        <location filename="../../../src/tracestation/ui/trace/trace_page.py" line="+68"/>
        <source>Serial or lot: type or scan (SN:..., LOT:PART/LOT)</source>
        <translation>Serie sau lot: tastați sau scanați (SN:..., LOT:REPER/LOT)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part (optional)</source>
        <translation>Reper (opțional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trace</source>
        <translation>Trasabilitate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search a serial to see what is in it, or a lot to see its recall scope.</source>
        <translation>Căutați o serie pentru a vedea ce conține, sau un lot pentru a vedea aria de rechemare.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Device history record (PDF)</source>
        <translation>Istoricul dispozitivului (PDF)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recall report (PDF)</source>
        <translation>Raport de rechemare (PDF)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recall report (CSV)</source>
        <translation>Raport de rechemare (CSV)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Type or scan a serial or a lot first.</source>
        <translation>Tastați sau scanați mai întâi o serie sau un lot.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tracing {text}…</source>
        <translation>Se urmărește {text}…</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+74"/>
        <source>Nothing found.</source>
        <translation>Nu s-a găsit nimic.</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>As built: {unit}</source>
        <translation>Componența reală: {unit}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Used in: {count} unit(s)</source>
        <translation>Folosit în: {count} unitate(ăți)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{unit} · {status} · work order {work_order}</source>
        <translation>{unit} · {status} · comanda de lucru {work_order}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Unit scope: {count} unit(s) contain it now {parts}</source>
        <translation>Aria pe unități: {count} unitate(ăți) îl conțin acum {parts}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lot scope: {count} unit(s) of work orders {work_orders}</source>
        <translation>Aria pe loturi: {count} unitate(ăți) din comenzile de lucru {work_orders}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Difference: serial genealogy spares {spared} of the {total} unit(s) a lot-only recall would pull.</source>
        <translation>Diferența: genealogia pe serii scutește {spared} din cele {total} unități pe care le-ar rechema o trasabilitate doar pe loturi.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{removed} unit(s) held it once and had it removed in rework.</source>
        <translation>{removed} unitate(ăți) l-au conținut cândva și l-au pierdut la remediere.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lot {lot} of {part} · status {status}</source>
        <translation>Lotul {lot} de {part} · stare {status}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reading the history of {unit}…</source>
        <translation>Se citește istoricul pentru {unit}…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Writing the report…</source>
        <translation>Se scrie raportul…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report was not written: {reason}</source>
        <translation>Raportul nu a fost scris: {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Report written to {path}; opening it.</source>
        <translation>Raport scris în {path}; se deschide.</translation>
    </message>
</context>
<context>
    <name>UnitHistoryView</name>
    <message>
        <location filename="../../../src/tracestation/ui/trace/history_view.py" line="+40"/>
        <source>When</source>
        <translation>Când</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Station</source>
        <translation>Stație</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation</source>
        <translation>Operație</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>Cine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>Ce</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>History of {unit}</source>
        <translation>Istoricul pentru {unit}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{unit} · {status} · work order {work_order} · {count} event(s)</source>
        <translation>{unit} · {status} · comanda de lucru {work_order} · {count} eveniment(e)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>signed by {name} ({badge}): {meaning}</source>
        <translation>semnat de {name} ({badge}): {meaning}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>lot {lot}</source>
        <translation>lotul {lot}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>registered on {work_order}</source>
        <translation>înregistrat pe {work_order}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>operation completed, routing finished</source>
        <translation>operație terminată, traseu încheiat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>operation completed (rework)</source>
        <translation>operație terminată (remediere)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>operation completed</source>
        <translation>operație terminată</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>test {test}: passed</source>
        <translation>test {test}: trecut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test {test}: FAILED</source>
        <translation>test {test}: PICAT</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>installed into {unit}</source>
        <translation>montat în {unit}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>installed {thing}</source>
        <translation>montat {thing}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>removed from {unit}</source>
        <translation>demontat din {unit}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>removed {thing}</source>
        <translation>demontat {thing}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>packed into carton {sscc}</source>
        <translation>ambalat în cutia {sscc}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deviation: {rule} waived for {subject} (reason {reason})</source>
        <translation>derogare: {rule} ridicată pentru {subject} (motiv {reason})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nonconformance {number}: {what} (disposition {disposition})</source>
        <translation>neconformitate {number}: {what} (dispoziție {disposition})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>defect {code} on the failed test</source>
        <translation>defect {code} la testul picat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>defect {code} on the part taken out</source>
        <translation>defect {code} la piesa demontată</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>label reprinted</source>
        <translation>etichetă retipărită</translation>
    </message>
</context>
<context>
    <name>UnitTableModel</name>
    <message>
        <location filename="../../../src/tracestation/ui/trace/unit_table.py" line="+18"/>
        <source>Part</source>
        <translation>Reper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial</source>
        <translation>Serie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order</source>
        <translation>Comandă de lucru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Stare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carton</source>
        <translation>Cutie</translation>
    </message>
</context>
<context>
    <name>VerdictBanner</name>
    <message>
        <location filename="../../../src/tracestation/ui/scan/verdict_banner.py" line="+79"/>
        <source>Ready</source>
        <translation>Pregătit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scan a label: no need to click anywhere first.</source>
        <translation>Scanați o etichetă: nu trebuie să dați clic nicăieri înainte.</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Test failed</source>
        <translation>Test picat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepted</source>
        <translation>Acceptat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>Respins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs a line lead</source>
        <translation>Necesită șeful de linie</translation>
    </message>
</context>
<context>
    <name>Verdicts</name>
    <message>
        <location filename="../../../src/tracestation/ui/translatable_messages.py" line="-208"/>
        <source>Welcome, {name}.</source>
        <translation>Bun venit, {name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is already logged in.</source>
        <translation>{name} este deja autentificat(ă).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} logged out.</source>
        <translation>{name} s-a deconectat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order {work_order}: {quantity} x {part}.</source>
        <translation>Comanda de lucru {work_order}: {quantity} x {part}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation {operation} {name} ({kind}).</source>
        <translation>Operația {operation} {name} ({kind}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantity {qty} set for the next lot.</source>
        <translation>Cantitatea {qty} este setată pentru următorul lot.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part {part} set for the next scan.</source>
        <translation>Reperul {part} este setat pentru următoarea scanare.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled. Nothing pending.</source>
        <translation>Anulat. Nu mai este nimic în așteptare.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New unit {unit} registered on {work_order}.</source>
        <translation>Unitatea nouă {unit} a fost înregistrată pe {work_order}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial assigned: {unit} on {work_order}; its label is printing.</source>
        <translation>Serie atribuită: {unit} pe {work_order}; eticheta se tipărește.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit {unit} selected.</source>
        <translation>Unitatea {unit} este selectată.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit {unit} is in rework. Scan CMD:REMOVE, then the part to take out.</source>
        <translation>Unitatea {unit} este în remediere. Scanați CMD:REMOVE, apoi piesa de scos.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{child} installed in {unit}.</source>
        <translation>{child} a fost montat în {unit}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{qty} {uom} of lot {lot} installed in {unit}.</source>
        <translation>{qty} {uom} din lotul {lot} au fost montate în {unit}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove mode for {unit}: scan the part or lot to take out.</source>
        <translation>Mod demontare pentru {unit}: scanați piesa sau lotul de scos.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{child} removed from {unit}. Scan its replacement, then CMD:DONE.</source>
        <translation>{child} a fost scos din {unit}. Scanați înlocuitorul, apoi CMD:DONE.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation {operation} done for {unit}.</source>
        <translation>Operația {operation} este încheiată pentru {unit}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rework done for {unit}; it must pass test again.</source>
        <translation>Remedierea pentru {unit} este încheiată; unitatea trebuie testată din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation {operation} done for {unit}; it has finished its routing.</source>
        <translation>Operația {operation} este încheiată pentru {unit}; unitatea și-a terminat fluxul tehnologic.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rework done for {unit}; it has finished its routing again.</source>
        <translation>Remedierea pentru {unit} este încheiată; unitatea și-a terminat din nou fluxul tehnologic.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{qty} {uom} of lot {lot} kitted to {work_order} ({left} {uom} still to kit).</source>
        <translation>{qty} {uom} din lotul {lot} au fost alocate pe {work_order} (mai sunt de alocat {left} {uom}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Testing {unit}: scan CMD:PASS or CMD:FAIL.</source>
        <translation>Se testează {unit}: scanați CMD:PASS sau CMD:FAIL.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} passed {test}.</source>
        <translation>{unit} a trecut {test}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} failed {test}; take it to rework.</source>
        <translation>{unit} nu a trecut {test}; duceți-o la remediere.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} packed in carton {sscc} ({count} of {capacity}).</source>
        <translation>{unit} a fost ambalată în cutia {sscc} ({count} din {capacity}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} packed; carton {sscc} is full with {count} and closed; its label is printing.</source>
        <translation>{unit} a fost ambalată; cutia {sscc} este plină cu {count} și închisă; eticheta se tipărește.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carton {sscc} closed with {count} units; its label is printing.</source>
        <translation>Cutia {sscc} a fost închisă cu {count} unități; eticheta se tipărește.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead {name}: scan your PIN.</source>
        <translation>Șef de linie {name}: scanați PIN-ul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN accepted, {name}. Scan the reason code (RSN:...).</source>
        <translation>PIN acceptat, {name}. Scanați codul motivului (RSN:...).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason {reason} noted. A lead scans badge and PIN to sign.</source>
        <translation>Motivul {reason} a fost notat. Un șef de linie scanează ecusonul și PIN-ul pentru semnare.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Picking up where this station left off: {work_order}, operation {operation}, unit {unit}.</source>
        <translation>Se continuă de unde a rămas stația: {work_order}, operația {operation}, unitatea {unit}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Override signed by {name} ({rule} waived); deviation recorded.</source>
        <translation>Derogare semnată de {name} (regula {rule} ridicată); derogarea a fost înregistrată.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defect {defect} ({description}) recorded for {unit}; take it to rework.</source>
        <translation>Defectul {defect} ({description}) a fost înregistrat pentru {unit}; duceți-l la reparat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defect {defect} ({description}) recorded for {removed} taken out of {unit}.</source>
        <translation>Defectul {defect} ({description}) a fost înregistrat pentru {removed}, scos din {unit}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{detail}</source>
        <translation>{detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scan could not be saved ({detail}). Nothing was recorded: scan it again; if this repeats, call a line lead.</source>
        <translation>Scanarea nu a putut fi salvată ({detail}). Nu s-a înregistrat nimic: scanați din nou; dacă se repetă, chemați șeful de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The connection to the database broke while this scan was being saved ({detail}): it may have been recorded. Look at the unit&apos;s history before scanning it again; if unsure, call a line lead.</source>
        <translation>Legătura cu baza de date s-a întrerupt în timp ce scanarea era salvată ({detail}): este posibil să fi fost înregistrată. Verificați istoricul unității înainte de a o scana din nou; dacă nu sunteți sigur, chemați șeful de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The station could not judge this scan ({detail}). Nothing was recorded: scan it again; if this repeats, call a line lead.</source>
        <translation>Stația nu a putut evalua această scanare ({detail}). Nu s-a înregistrat nimic: scanați din nou; dacă se repetă, chemați șeful de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only part of a barcode arrived ({scan}). Scan the label again.</source>
        <translation>A sosit doar o parte din codul de bare ({scan}). Scanați eticheta din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scanner sent a long burst of unreadable data. Check its cable and baud rate, then scan again.</source>
        <translation>Scanerul a trimis un șir lung de date ilizibile. Verificați cablul și viteza (baud), apoi scanați din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same scan ({scan}) was read twice within a second; it counts once.</source>
        <translation>Aceeași scanare ({scan}) a fost citită de două ori într-o secundă; contează o singură dată.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody is logged in. Scan your badge first.</source>
        <translation>Nu este nimeni autentificat. Scanați mai întâi ecusonul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} is not a known badge. Scan your badge, or ask a line lead to add you.</source>
        <translation>{value} nu este un ecuson cunoscut. Scanați-vă ecusonul sau cereți șefului de linie să vă adauge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No work order selected. Scan the work order (WO:...) first.</source>
        <translation>Nicio comandă de lucru selectată. Scanați mai întâi comanda de lucru (WO:...).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No operation selected on {work_order}. Scan the operation (OPN:...) first.</source>
        <translation>Nicio operație selectată pe {work_order}. Scanați mai întâi operația (OPN:...).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order {work_order} does not exist. Check the traveler and scan again.</source>
        <translation>Comanda de lucru {work_order} nu există. Verificați fișa de însoțire și scanați din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order {work_order} is closed. Scan an open work order.</source>
        <translation>Comanda de lucru {work_order} este închisă. Scanați o comandă deschisă.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part {part} has no routing. Ask planning to add it.</source>
        <translation>Reperul {part} nu are flux tehnologic. Cereți planificării să-l adauge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{part} has no operation {operation}. Its operations: {known}.</source>
        <translation>{part} nu are operația {operation}. Operațiile lui: {known}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part {part} does not exist in master data. Check the label.</source>
        <translation>Reperul {part} nu există în datele de bază. Verificați eticheta.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part {part} is not tracked; it needs no scan.</source>
        <translation>Reperul {part} nu este urmărit; nu trebuie scanat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} is not a known badge, serial, lot or work order. Scan a prefixed label (LOT:, SN:, WO:).</source>
        <translation>{value} nu este un ecuson, o serie, un lot sau o comandă cunoscută. Scanați o etichetă cu prefix (LOT:, SN:, WO:).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} matches {matches}. Scan a prefixed label (SN:, LOT:, WO:) instead.</source>
        <translation>{value} corespunde cu {matches}. Scanați în schimb o etichetă cu prefix (SN:, LOT:, WO:).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No part carries GTIN {gtin}. Scan the station&apos;s LOT: label or ask planning to add the GTIN.</source>
        <translation>Niciun reper nu are GTIN-ul {gtin}. Scanați eticheta LOT: a stației sau cereți planificării să adauge GTIN-ul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supplier part {supplier_part} is not cross-referenced to a part. Scan the station&apos;s LOT: label or ask planning to add it.</source>
        <translation>Codul furnizorului {supplier_part} nu este asociat unui reper. Scanați eticheta LOT: a stației sau cereți planificării să-l adauge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The label holds no serial, lot, part or container. Scan another label.</source>
        <translation>Eticheta nu conține nicio serie, lot, reper sau ambalaj. Scanați altă etichetă.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{serial} is not a known unit here. Check the label, or scan a unit of this work order.</source>
        <translation>{serial} nu este o unitate cunoscută aici. Verificați eticheta sau scanați o unitate a acestei comenzi.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{serial} is not a known unit. Finish {unit} (CMD:DONE) or CMD:CANCEL before starting a new unit.</source>
        <translation>{serial} nu este o unitate cunoscută. Terminați {unit} (CMD:DONE) sau CMD:CANCEL înainte de a începe o unitate nouă.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value} is not a label this station reads (not a unit, lot or station code). Scan the label again; {unit} stays open.</source>
        <translation>{value} nu este o etichetă pe care stația o citește (nici unitate, nici lot, nici cod de stație). Scanați din nou eticheta; {unit} rămâne deschisă.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial {serial} exists for several parts ({parts}). Scan SN:&lt;part&gt;/{serial}.</source>
        <translation>Seria {serial} există pentru mai multe repere ({parts}). Scanați SN:&lt;reper&gt;/{serial}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial {serial} of {part} is already registered. Scan another serial.</source>
        <translation>Seria {serial} a reperului {part} este deja înregistrată. Scanați altă serie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{part} on {work_order} is not serialized; scan lots only.</source>
        <translation>{part} de pe {work_order} nu are serii; scanați doar loturi.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work order {work_order} already has all {quantity} units. Call a line lead.</source>
        <translation>Comanda de lucru {work_order} are deja toate cele {quantity} unități. Chemați șeful de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} belongs to {work_order}, not {selected}. Scan WO:{work_order} or another unit.</source>
        <translation>{unit} aparține de {work_order}, nu de {selected}. Scanați WO:{work_order} sau altă unitate.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} failed test; take it to rework first.</source>
        <translation>{unit} a picat testul; duceți-o mai întâi la remediere.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} is {status}; it cannot be worked. Call a line lead.</source>
        <translation>{unit} are starea {status}; nu poate fi prelucrată. Chemați șeful de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} has finished its routing; operation {operation} is behind it.</source>
        <translation>{unit} și-a terminat fluxul tehnologic; operația {operation} este deja depășită.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} is not ready for operation {operation}: its next operation is {expected} {expected_name}.</source>
        <translation>{unit} nu este pregătită pentru operația {operation}: următoarea ei operație este {expected} {expected_name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} is {status}, not passed; only passed units are packed.</source>
        <translation>{unit} are starea {status}, nu este testată cu succes; se ambalează doar unitățile care au trecut testul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the parent unit before {serial}.</source>
        <translation>Scanați unitatea părinte înainte de {serial}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No unit in work. Scan the unit first.</source>
        <translation>Nicio unitate în lucru. Scanați mai întâi unitatea.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finish the current unit (CMD:DONE) or CMD:CANCEL before a new serial.</source>
        <translation>Terminați unitatea curentă (CMD:DONE) sau CMD:CANCEL înainte de o serie nouă.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{part} is not on the bill of materials of {parent} at operation {operation}. Check the part.</source>
        <translation>{part} nu este în lista de materiale a lui {parent} la operația {operation}. Verificați piesa.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} already has its {qty} {uom} of {part}. Scan the next part or CMD:DONE.</source>
        <translation>{unit} are deja cele {qty} {uom} de {part}. Scanați următoarea piesă sau CMD:DONE.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{qty} {uom} of {part} is more than the {remaining} {uom} still needed. Scan QTY: with a smaller quantity.</source>
        <translation>{qty} {uom} de {part} depășește cele {remaining} {uom} încă necesare. Scanați QTY: cu o cantitate mai mică.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{work_order} already has all {qty} {uom} of {part} kitted.</source>
        <translation>{work_order} are deja alocate toate cele {qty} {uom} de {part}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{qty} {uom} of {part} is more than the {remaining} {uom} still to kit.</source>
        <translation>{qty} {uom} de {part} depășește cele {remaining} {uom} care mai sunt de alocat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} of {part} is on hold since {since} (reason: {reason}). Scan another lot or call a line lead.</source>
        <translation>Lotul {lot} de {part} este blocat din {since} (motiv: {reason}). Scanați alt lot sau chemați șeful de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} of {part} is in quarantine since {since} (reason: {reason}). Scan another lot.</source>
        <translation>Lotul {lot} de {part} este în carantină din {since} (motiv: {reason}). Scanați alt lot.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} of {part} was rejected on {since} (reason: {reason}). Scan another lot.</source>
        <translation>Lotul {lot} de {part} a fost respins la {since} (motiv: {reason}). Scanați alt lot.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} of {part} is used up. Scan another lot.</source>
        <translation>Lotul {lot} de {part} este epuizat. Scanați alt lot.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} of {part} has only {on_hand} {uom}; {qty} {uom} needed. Scan another lot or QTY: for less.</source>
        <translation>Lotul {lot} de {part} mai are doar {on_hand} {uom}; sunt necesare {qty} {uom}. Scanați alt lot sau QTY: pentru mai puțin.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} of {part} expired on {expiry}. A line lead may override: badge, PIN, reason.</source>
        <translation>Lotul {lot} de {part} a expirat la {expiry}. Un șef de linie poate aproba derogarea: ecuson, PIN, motiv.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot {lot} of {part} is not known. Check the label or ask stores to receive it.</source>
        <translation>Lotul {lot} de {part} nu este cunoscut. Verificați eticheta sau cereți magaziei să-l recepționeze.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lot code {lot} exists for several parts ({parts}). Scan LOT:&lt;part&gt;/{lot}.</source>
        <translation>Codul de lot {lot} există pentru mai multe repere ({parts}). Scanați LOT:&lt;reper&gt;/{lot}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation {operation} is a {kind} step; lots are not scanned here.</source>
        <translation>Operația {operation} este un pas de tip {kind}; aici nu se scanează loturi.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} cannot be installed in itself.</source>
        <translation>{unit} nu poate fi montată în ea însăși.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{child} is installed in {parent}. Remove it there first (rework) or scan another.</source>
        <translation>{child} este montat în {parent}. Scoateți-l mai întâi de acolo (remediere) sau scanați altul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{child} has not finished its own routing (status {status}, last operation {operation}). Scan a finished one.</source>
        <translation>{child} nu și-a terminat propriul flux tehnologic (stare {status}, ultima operație {operation}). Scanați unul terminat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} still needs: {missing}. Scan them, then CMD:DONE.</source>
        <translation>{unit} mai are nevoie de: {missing}. Scanați-le, apoi CMD:DONE.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{child} is not installed in {unit} at this operation. Scan a part that is.</source>
        <translation>{child} nu este montat în {unit} la această operație. Scanați o piesă care este.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No unit under test. Scan the unit, then CMD:PASS or CMD:FAIL.</source>
        <translation>Nicio unitate în test. Scanați unitatea, apoi CMD:PASS sau CMD:FAIL.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open carton for {work_order}. Scan a unit to pack first.</source>
        <translation>Nicio cutie deschisă pentru {work_order}. Scanați mai întâi o unitate de ambalat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carton {sscc} scanned; cartons are not scanned at this step.</source>
        <translation>Cutia {sscc} a fost scanată; la acest pas nu se scanează cutii.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CMD:{command} does nothing at operation {operation} ({kind}).</source>
        <translation>CMD:{command} nu are efect la operația {operation} ({kind}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing waits for a lead&apos;s signature. Scan your work.</source>
        <translation>Nimic nu așteaptă semnătura unui șef de linie. Continuați scanarea.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Defect {defect} scanned, but no failed test or removed part waits for one. Scan your work.</source>
        <translation>S-a scanat defectul {defect}, dar niciun test picat și nicio piesă scoasă nu așteaptă unul. Scanați-vă lucrul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{defect} is not in the defect catalogue. Scan a code from the defect-code sheet, or ask quality to add it.</source>
        <translation>{defect} nu este în catalogul de defecte. Scanați un cod de pe foaia de coduri de defecte sau cereți calității să-l adauge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} failed its test: scan its defect code (DEF:...) from the defect-code sheet first, or CMD:CANCEL.</source>
        <translation>{unit} a picat testul: scanați întâi codul defectului (DEF:...) de pe foaia de coduri de defecte, sau CMD:CANCEL.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A line lead scans the badge before the PIN.</source>
        <translation>Șeful de linie scanează ecusonul înaintea PIN-ului.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong PIN for {name} ({left} of {limit} tries left before it locks). Scan the PIN again.</source>
        <translation>PIN greșit pentru {name} (mai rămân {left} din {limit} încercări până la blocare). Scanați PIN-ul din nou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong PIN for {name} {attempts} times: the PIN is locked until {until}, or until another lead unlocks it. Another lead may sign.</source>
        <translation>PIN greșit pentru {name} de {attempts} ori: PIN-ul este blocat până la {until} sau până când îl deblochează alt șef de linie. Poate semna alt șef de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN of {name} is locked after {attempts} wrong tries until {until}, or until another lead unlocks it. Another lead may sign.</source>
        <translation>PIN-ul lui {name} este blocat după {attempts} încercări greșite până la {until} sau până când îl deblochează alt șef de linie. Poate semna alt șef de linie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Override cancelled.</source>
        <translation>Derogare anulată.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The label did not print ({detail}); it is kept and printed when the printer answers.</source>
        <translation>Eticheta nu s-a tipărit ({detail}); este păstrată și se tipărește când imprimanta răspunde.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Scan your badge.</source>
        <translation>Scanați-vă ecusonul.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan a work order (WO:...).</source>
        <translation>Scanați o comandă de lucru (WO:...).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the operation (OPN:...) for {work_order}.</source>
        <translation>Scanați operația (OPN:...) pentru {work_order}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs a line lead: badge, PIN and reason code (RSN:...), or scan anything else to cancel.</source>
        <translation>Este nevoie de șeful de linie: ecuson, PIN și cod de motiv (RSN:...), sau scanați orice altceva pentru anulare.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan a new serial or CMD:NEW for {part}.</source>
        <translation>Scanați o serie nouă sau CMD:NEW pentru {part}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the {part} unit.</source>
        <translation>Scanați unitatea {part}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan for {unit}: {missing}.</source>
        <translation>Scanați pentru {unit}: {missing}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} is complete: scan CMD:DONE.</source>
        <translation>{unit} este completă: scanați CMD:DONE.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the part or lot to remove from {unit}.</source>
        <translation>Scanați piesa sau lotul de scos din {unit}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan lots to kit: {missing}.</source>
        <translation>Scanați loturile de alocat: {missing}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kitting complete. Scan units of {part} to move them on.</source>
        <translation>Alocarea este completă. Scanați unitățile de {part} pentru a le trece mai departe.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the unit to test.</source>
        <translation>Scanați unitatea de testat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan CMD:PASS or CMD:FAIL for {unit}.</source>
        <translation>Scanați CMD:PASS sau CMD:FAIL pentru {unit}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the defect code (DEF:...) of {unit}&apos;s failed test.</source>
        <translation>Scanați codul defectului (DEF:...) pentru testul picat al {unit}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the defect code (DEF:...) of {removed}, or the replacement for {unit}.</source>
        <translation>Scanați codul defectului (DEF:...) pentru {removed}, sau piesa de înlocuire pentru {unit}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan a passed unit to pack.</source>
        <translation>Scanați o unitate trecută la test pentru ambalare.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan a passed unit to pack into {sscc} ({count} in it).</source>
        <translation>Scanați o unitate trecută la test pentru ambalare în {sscc} ({count} în cutie).</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Serial assigned: {unit} on {work_order}.</source>
        <translation>Serie atribuită: {unit} pe {work_order}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} packed; carton {sscc} is full with {count} and closed.</source>
        <translation>{unit} a fost ambalată; cutia {sscc} este plină cu {count} și închisă.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carton {sscc} closed with {count} units.</source>
        <translation>Cutia {sscc} a fost închisă cu {count} unități.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label printed.</source>
        <translation>Eticheta s-a tipărit.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No printer configured: label not printed.</source>
        <translation>Nicio imprimantă configurată: eticheta nu s-a tipărit.</translation>
    </message>
</context>
</TS>
