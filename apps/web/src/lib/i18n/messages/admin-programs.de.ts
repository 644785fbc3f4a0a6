import type { Section } from './en.js';
import type { adminProgramsEn } from './admin-programs.en.js';

export const adminProgramsDe: Section<typeof adminProgramsEn> = {
  // Liste
  'adminPrograms.list.title': 'Programme',
  'adminPrograms.list.new': 'Neues Programm',
  'adminPrograms.list.empty': 'Noch kein Programm.',
  'adminPrograms.list.caption': 'Alle Programme, veröffentlicht oder nicht',
  'adminPrograms.list.programme': 'Programm',
  'adminPrograms.list.status': 'Status',
  'adminPrograms.list.kind': 'Art',
  'adminPrograms.list.dates': 'Zeitraum',
  'adminPrograms.list.observations': 'Beobachtungen',
  'adminPrograms.list.actions': 'Aktionen',
  'adminPrograms.list.edit': 'Bearbeiten',
  'adminPrograms.list.view': 'Ansehen',
  'adminPrograms.list.siteTypes': 'Standorttypen',
  'adminPrograms.list.period': '{from} – {to}',
  'adminPrograms.list.from': 'Ab {date}',
  'adminPrograms.list.until': 'Bis {date}',
  'adminPrograms.list.always': 'Ohne Zeitraum',
  'adminPrograms.kind.observations': 'Beobachtungen',
  'adminPrograms.kind.sites': 'Standorte und Besuche',
  'adminPrograms.kind.observationsHint':
    'Beobachtende melden Arten, die sie irgendwo im Gebiet gesehen haben.',
  'adminPrograms.kind.sitesHint':
    'Beobachtende beschreiben Standorte (einen Teich, einen Baum…) und erfassen datierte Besuche.',
  'adminPrograms.status.heading': 'Veröffentlichung',
  'adminPrograms.status.published': 'Veröffentlicht',
  'adminPrograms.status.draft': 'Nicht veröffentlicht',
  'adminPrograms.status.publishedHint': 'Alle sehen dieses Programm und können mitmachen.',
  'adminPrograms.status.draftHint': 'Nur Administratoren sehen dieses Programm.',
  'adminPrograms.status.publish': 'Veröffentlichen',
  'adminPrograms.status.unpublish': 'Veröffentlichung aufheben',
  'adminPrograms.status.nowPublished': 'Das Programm ist veröffentlicht.',
  'adminPrograms.status.nowDraft': 'Das Programm ist nicht mehr veröffentlicht.',
  'adminPrograms.status.view': 'Öffentliche Seite ansehen',

  // Editor
  'adminPrograms.new.title': 'Neues Programm',
  'adminPrograms.new.intro':
    'Das Programm wird unveröffentlicht angelegt: Veröffentlichen Sie es auf seiner Seite, sobald es fertig ist.',
  'adminPrograms.section.texts': 'Titel und Texte',
  'adminPrograms.section.setup': 'Einstellungen',
  'adminPrograms.section.area': 'Gebiet',
  'adminPrograms.section.form': 'Eigenes Formular',
  'adminPrograms.field.title': 'Titel',
  'adminPrograms.field.slug': 'Kurzname in Adressen',
  'adminPrograms.field.slugHint':
    'Kleinbuchstaben, Ziffern und Bindestriche, z. B. teiche-in-lyon.',
  'adminPrograms.field.shortDescription': 'Kurzbeschreibung',
  'adminPrograms.field.shortDescriptionHint':
    'Ein oder zwei Sätze für die Programmkarte (höchstens 500 Zeichen).',
  'adminPrograms.field.longDescription': 'Vollständige Beschreibung',
  'adminPrograms.field.longDescriptionHint':
    'Auf der Programmseite gezeigt. Reiner Text (Leerzeile zwischen Absätzen) oder HTML: Absätze, Überschriften, Listen, Links und Bilder bleiben, alles andere wird entfernt.',
  'adminPrograms.field.kind': 'Art des Programms',
  'adminPrograms.field.startsOn': 'Beginnt am',
  'adminPrograms.field.endsOn': 'Endet am',
  'adminPrograms.field.speciesList': 'Arten',
  'adminPrograms.field.speciesListAll': 'Jede Art der Taxonomie',
  'adminPrograms.field.speciesListOption': {
    one: '{name} ({count} Art)',
    other: '{name} ({count} Arten)',
  },
  'adminPrograms.field.speciesListHint':
    'Beobachtende wählen aus dieser Liste: Bilder bei einer kurzen Liste, eine Suche bei einer langen.',
  'adminPrograms.field.project': 'Projekt',
  'adminPrograms.field.projectNone': 'Kein Projekt',
  'adminPrograms.field.licence': 'Lizenz der Daten',
  'adminPrograms.field.licenceHint':
    'Eine SPDX-Kennung, z. B. CC-BY-4.0: Die Exporte des Programms nennen sie.',
  'adminPrograms.field.participation': 'Teilnahme',
  'adminPrograms.field.registrationRequired': 'Beobachtende brauchen ein Konto',
  'adminPrograms.field.publicValidatedOnly':
    'Der Öffentlichkeit nur als sicher oder wahrscheinlich validierte Beobachtungen zeigen',
  'adminPrograms.project.new': 'Neues Projekt',
  'adminPrograms.project.create': 'Projekt anlegen',
  'adminPrograms.project.created': 'Projekt „{title}“ angelegt und gewählt.',
  'adminPrograms.area.intro':
    'Wo Beobachtungen erfasst werden können: Zeichnen Sie es auf der Karte (mehrere Formen sind möglich) oder importieren Sie eine Datei.',
  'adminPrograms.area.map': 'Karte zum Zeichnen des Programmgebiets',
  'adminPrograms.area.tools': 'Zeichenwerkzeuge',
  'adminPrograms.area.draw': 'Form zeichnen',
  'adminPrograms.area.edit': 'Auswählen und bearbeiten',
  'adminPrograms.area.finish': 'Form abschließen',
  'adminPrograms.area.cancelShape': 'Diese Form verwerfen',
  'adminPrograms.area.deleteSelected': 'Ausgewählte Form löschen',
  'adminPrograms.area.clear': 'Gebiet leeren',
  'adminPrograms.area.drawHint':
    'Klicken Sie auf die Karte, um jede Ecke zu setzen. Klicken Sie erneut auf die erste oder letzte Ecke (oder drücken Sie die Eingabetaste), um die Form zu schließen.',
  'adminPrograms.area.editHint':
    'Klicken Sie auf eine Form, um sie auszuwählen, und ziehen Sie dann ihre Ecken oder die ganze Form; ein Klick zwischen zwei Ecken fügt eine hinzu.',
  'adminPrograms.area.readOnly':
    'Dieses Gebiet hat Formen, die die Zeichenwerkzeuge nicht bearbeiten können (z. B. Löcher). Importieren Sie eine Datei, um es zu ersetzen, oder leeren Sie es und zeichnen Sie ein neues.',
  'adminPrograms.area.none': 'Noch kein Gebiet.',
  'adminPrograms.area.shapes': {
    one: 'Das Gebiet hat eine Form.',
    other: 'Das Gebiet hat {count} Formen.',
  },
  'adminPrograms.area.file': 'GeoJSON- oder KML-Datei importieren',
  'adminPrograms.area.fileHint':
    'Sie ersetzt das Gebiet sofort. Koordinaten in WGS 84 (Länge, Breite); eine ungültige Form wird repariert.',
  'adminPrograms.area.fileHintNew':
    'Koordinaten in WGS 84 (Länge, Breite); eine ungültige Form wird beim Anlegen des Programms repariert.',
  'adminPrograms.area.importing': 'Gebiet wird importiert…',
  'adminPrograms.area.imported': 'Das Gebiet aus {file} ist gespeichert.',
  'adminPrograms.area.loaded':
    'Das Gebiet aus {file} ist auf der Karte: Legen Sie das Programm an, um es zu speichern.',
  'adminPrograms.area.pendingFile':
    '{file} wird beim Anlegen des Programms gelesen (Zeichnen auf der Karte ersetzt es).',
  'adminPrograms.form.intro':
    'Fragen, die zu jeder Beobachtung gestellt werden, nach Art, Datum, Ort und Anzahl.',
  'adminPrograms.form.none':
    'Kein eigenes Formular: Beobachtende beantworten nur die üblichen Fragen.',
  'adminPrograms.form.sites':
    'Standortprogramme haben je Standorttyp ein Formular für Standorte und eines für Besuche: Bearbeiten Sie sie bei den Standorttypen.',
  'adminPrograms.notices': 'Der Server hat das Gesendete geändert:',
  'adminPrograms.problem.titleMissing': 'Geben Sie dem Programm einen Titel.',
  'adminPrograms.problem.slugMissing': 'Geben Sie dem Programm einen Kurznamen für seine Adresse.',
  'adminPrograms.problem.slugInvalid':
    'Der Kurzname darf nur Kleinbuchstaben, Ziffern und einzelne Bindestriche enthalten.',
  'adminPrograms.problem.datesOrder': 'Das Programm kann nicht vor seinem Beginn enden.',
  'adminPrograms.problem.licenceMissing': 'Geben Sie die Lizenz der Daten an.',
  'adminPrograms.problem.areaMissing':
    'Zeichnen Sie das Gebiet auf der Karte oder importieren Sie es aus einer Datei.',
  'adminPrograms.problem.form': 'Das eigene Formular hat Fehler: Siehe seinen Editor.',
  'adminPrograms.create': 'Programm anlegen',
  'adminPrograms.save': 'Änderungen speichern',
  'adminPrograms.saving': 'Wird gespeichert…',
  'adminPrograms.saved': 'Gespeichert.',
  'adminPrograms.image.heading': 'Bannerbild',
  'adminPrograms.image.current': 'Das Banner des Programms',
  'adminPrograms.image.none': 'Noch kein Banner.',
  'adminPrograms.image.file': 'Bilddatei',
  'adminPrograms.image.hint': 'JPEG, PNG, WebP oder AVIF; ein breites Bild passt am besten.',
  'adminPrograms.image.upload': 'Banner hochladen',
  'adminPrograms.image.saved': 'Das Banner ist gespeichert.',
  'adminPrograms.badges.heading': 'Abzeichen',
  'adminPrograms.badges.intro':
    'Die Regeln der Abzeichen werden im Bereich Abzeichen festgelegt; hier geht es darum, ob dieses Programm mitzählt. Abzeichen müssen auch auf der Instanz eingeschaltet sein.',
  'adminPrograms.badges.enabled': 'Beobachtungen und Besuche dieses Programms zählen für Abzeichen',
  'adminPrograms.badges.leaderboard': 'Eine Rangliste auf der Programmseite zeigen',
  'adminPrograms.badges.save': 'Abzeichen-Einstellungen speichern',
  'adminPrograms.badges.saved': 'Abzeichen-Einstellungen gespeichert.',

  // Formular-Baukasten
  'adminPrograms.builder.modes': 'Bearbeitungsart: {form}',
  'adminPrograms.builder.visual': 'Felder',
  'adminPrograms.builder.json': 'JSON Schema',
  'adminPrograms.builder.formTitle': 'Überschrift der Fragen',
  'adminPrograms.builder.formDescription': 'Einleitung',
  'adminPrograms.builder.fields': 'Felder',
  'adminPrograms.builder.noFields': 'Noch kein Feld: Fügen Sie unten eines hinzu.',
  'adminPrograms.builder.fieldLegend': 'Feld {n}: {title}',
  'adminPrograms.builder.fieldTitle': 'Frage',
  'adminPrograms.builder.fieldKind': 'Art der Antwort',
  'adminPrograms.builder.fieldHelp': 'Hilfetext',
  'adminPrograms.builder.fieldName': 'Schlüssel',
  'adminPrograms.builder.fieldNameHint':
    'Der Name der Antwort in den Daten und Exporten. Eine spätere Änderung lässt frühere Antworten unter dem alten Schlüssel.',
  'adminPrograms.builder.fieldStep': 'Schritt',
  'adminPrograms.builder.kind.text': 'Kurzer Text',
  'adminPrograms.builder.kind.longText': 'Langer Text',
  'adminPrograms.builder.kind.number': 'Zahl',
  'adminPrograms.builder.kind.integer': 'Ganze Zahl',
  'adminPrograms.builder.kind.boolean': 'Ja / Nein',
  'adminPrograms.builder.kind.choice': 'Auswahl',
  'adminPrograms.builder.kind.date': 'Datum',
  'adminPrograms.builder.minimum': 'Minimum',
  'adminPrograms.builder.maximum': 'Maximum',
  'adminPrograms.builder.options': 'Optionen',
  'adminPrograms.builder.multiple': 'Mehrere Optionen können gewählt werden',
  'adminPrograms.builder.optionLabel': 'Option {n}',
  'adminPrograms.builder.optionValue': 'Gespeichert als (Option {n})',
  'adminPrograms.builder.optionUp': 'Option {n} nach oben',
  'adminPrograms.builder.optionDown': 'Option {n} nach unten',
  'adminPrograms.builder.optionRemove': 'Option {n} entfernen',
  'adminPrograms.builder.addOption': 'Option hinzufügen',
  'adminPrograms.builder.required': 'Eine Antwort ist Pflicht',
  'adminPrograms.builder.up': 'Nach oben',
  'adminPrograms.builder.down': 'Nach unten',
  'adminPrograms.builder.remove': 'Entfernen',
  'adminPrograms.builder.newKind': 'Art des neuen Feldes',
  'adminPrograms.builder.addField': 'Feld hinzufügen',
  'adminPrograms.builder.useSteps': 'Formular in Schritte aufteilen',
  'adminPrograms.builder.stepDefault': 'Schritt {n}',
  'adminPrograms.builder.stepTitle': 'Titel von Schritt {n}',
  'adminPrograms.builder.stepDescription': 'Einleitung von Schritt {n}',
  'adminPrograms.builder.removeStep': 'Schritt {n} entfernen',
  'adminPrograms.builder.addStep': 'Schritt hinzufügen',
  'adminPrograms.builder.problems': 'Vor dem Speichern zu beheben:',
  'adminPrograms.builder.problem.noTitle': 'Feld {n} hat keine Frage.',
  'adminPrograms.builder.problem.badName':
    'Der Schlüssel von Feld {n} ({title}) muss mit einem Buchstaben beginnen und darf nur Buchstaben, Ziffern, _ und - enthalten.',
  'adminPrograms.builder.problem.duplicateName':
    'Der Schlüssel von Feld {n} ({title}) wird schon von einem anderen Feld verwendet.',
  'adminPrograms.builder.problem.noOptions': 'Feld {n} ({title}) hat keine Option zur Auswahl.',
  'adminPrograms.builder.problem.emptyOption': 'Option {option} von Feld {n} ({title}) ist leer.',
  'adminPrograms.builder.problem.duplicateOption':
    'Option {option} von Feld {n} ({title}) wird mit demselben Wert wie eine andere gespeichert.',
  'adminPrograms.builder.problem.minAboveMax':
    'Das Minimum von Feld {n} ({title}) liegt über seinem Maximum.',
  'adminPrograms.builder.problem.stepNoTitle': 'Schritt {n} hat keinen Titel.',
  'adminPrograms.builder.problem.stepEmpty': 'Schritt {n} hat kein Feld.',
  'adminPrograms.builder.problem.fieldInNoStep': 'Feld {n} ({title}) ist in keinem Schritt.',
  'adminPrograms.builder.jsonHint':
    'Für Fortgeschrittene: das Formular als JSON Schema, mit Layout-Hinweisen (uiSchema: ui:widget, ui:help, ui:order, steps). Bedingungen, verschachtelte Objekte und Listen werden hier geschrieben; der Feld-Editor folgt, wenn er das Formular darstellen kann.',
  'adminPrograms.builder.schemaText': 'JSON Schema',
  'adminPrograms.builder.uiText': 'Layout-Hinweise (uiSchema)',
  'adminPrograms.builder.jsonSyntax': 'Das ist kein gültiges JSON: {detail}',
  'adminPrograms.builder.jsonNotObject': 'Hier wird ein JSON-Objekt zwischen { und } erwartet.',
  'adminPrograms.builder.unsupported.notObject':
    'Das Formular ist kein JSON Schema eines Objekts; der Feld-Editor kann es nicht darstellen.',
  'adminPrograms.builder.unsupported.keyword':
    'Das Formular verwendet „{keyword}“, das der Feld-Editor nicht darstellen kann.',
  'adminPrograms.builder.unsupported.fieldKeyword':
    'Das Feld „{field}“ verwendet „{keyword}“, das der Feld-Editor nicht darstellen kann.',
  'adminPrograms.builder.unsupported.fieldType':
    'Das Feld „{field}“ hat einen Typ, den der Feld-Editor nicht darstellen kann.',
  'adminPrograms.builder.unsupported.hint':
    'Bearbeiten Sie es im Reiter JSON Schema oder beginnen Sie mit einem leeren Formular neu.',
  'adminPrograms.builder.startAgain': 'Mit leerem Formular neu beginnen',
  'adminPrograms.builder.preview': 'Vorschau',
  'adminPrograms.builder.previewHint':
    'So, wie Beobachtende es sehen. Hier gegebene Antworten werden nicht gespeichert.',
  'adminPrograms.builder.previewEmpty': 'Das Formular hat noch kein Feld.',
  'adminPrograms.builder.previewStale': 'Die Vorschau zeigt das letzte gültige Formular.',
  'adminPrograms.builder.previewFailed': 'Dieses Schema lässt sich nicht als Formular zeigen.',
  'adminPrograms.builder.previewStep': 'Schritt {n}: {title}',

  // Standortprotokolle
  'adminPrograms.sites.link': 'Standorttypen und Besuche',
  'adminPrograms.sites.title': 'Standorttypen',
  'adminPrograms.sites.intro':
    'Jeder Standorttyp (Teich, Baum, Nistkasten…) hat ein Formular zur Beschreibung eines Standorts und eines für jeden Besuch.',
  'adminPrograms.sites.notSites':
    'Dieses Programm erfasst Beobachtungen, keine Standorte: Seine Standorttypen gelten, sobald seine Art „Standorte und Besuche“ ist.',
  'adminPrograms.sites.visitsBy': 'Wer einem Standort einen Besuch hinzufügen darf',
  'adminPrograms.sites.visitsByAnyone': 'Alle mit einem Konto',
  'adminPrograms.sites.visitsByCreator':
    'Nur die Person, die den Standort angelegt hat (und Administratoren)',
  'adminPrograms.sites.saveSettings': 'Speichern',
  'adminPrograms.sites.settingsSaved': 'Gespeichert.',
  'adminPrograms.sites.types': 'Standorttypen',
  'adminPrograms.sites.noTypes': 'Noch kein Standorttyp.',
  'adminPrograms.sites.add': 'Standorttyp hinzufügen',
  'adminPrograms.sites.newType': 'Neuer Standorttyp',
  'adminPrograms.sites.name': 'Name',
  'adminPrograms.sites.nameMissing': 'Geben Sie dem Standorttyp einen Namen.',
  'adminPrograms.sites.description': 'Beschreibung',
  'adminPrograms.sites.pictogram': 'Piktogramm (Adresse eines Bildes)',
  'adminPrograms.sites.pictogramHint':
    'Für Standorte ohne Foto gezeigt: https://… oder ein Pfad auf diesem Server (/…).',
  'adminPrograms.sites.pictogramInvalid':
    'Die Adresse des Piktogramms muss mit https://, http:// oder / beginnen.',
  'adminPrograms.sites.siteForm': 'Standortformular',
  'adminPrograms.sites.siteFormHint': 'Einmal ausgefüllt, beim Anlegen eines Standorts.',
  'adminPrograms.sites.visitForm': 'Besuchsformular',
  'adminPrograms.sites.visitFormHint': 'Bei jedem Besuch eines Standorts ausgefüllt.',
  'adminPrograms.sites.create': 'Standorttyp anlegen',
  'adminPrograms.sites.save': 'Standorttyp speichern',
  'adminPrograms.sites.saved': '„{name}“ ist gespeichert.',
  'adminPrograms.sites.delete': 'Standorttyp löschen',
  'adminPrograms.sites.discard': 'Verwerfen',
};
