// Die Angaben der Meldeformulare der Aufsichtsbehörden über Art. 33 Abs. 3 hinaus, wie die Entwürfe sie
// schreiben (Teil des deutschen Katalogs).
export const deFormFacts = {
  yesNo: { true: 'ja', false: 'nein' },
  ongoing: { true: 'ja, die Verletzung dauert noch an', false: 'nein' },
  encryption: {
    none: 'keine Verschlüsselung',
    partial: 'teilweise verschlüsselt',
    full: 'vollständig verschlüsselt',
  },
  informed: '{name}, informiert am {at}',
  informedReference: '{name}, informiert am {at} (Aktenzeichen {reference})',
  noneInformed: 'keine',
  peopleContained: 'Die Verletzung wurde am {at} eingedämmt.',
  peopleEnded: 'Die Verletzung ist beendet.',
  peopleOngoing: 'Die Verletzung dauert noch an; wir arbeiten daran, sie zu beenden.',
} as const;
