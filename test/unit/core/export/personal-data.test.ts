import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../../../src-renderer/core/export/personal-data';

const kinds = (text: string) => findPersonalData(text).map((f) => [f.kind, f.match]);

describe('findPersonalData', () => {
  it.each([
    ['Appelez Marie au 06 12 34 56 78', 'telephone', '06 12 34 56 78'],
    ['tél. 06.12.34.56.78', 'telephone', '06.12.34.56.78'],
    ['joignable au 0612345678 ce soir', 'telephone', '0612345678'],
    ['+33 6 12 34 56 78', 'telephone', '+33 6 12 34 56 78'],
    ['+33 (0)5 63 04 12 34', 'telephone', '+33 (0)5 63 04 12 34'],
    ['0590 12 34 56 ? non: 0690-12-34-56', 'telephone', '0690-12-34-56'],
    ['écrire à jean.dupont@gmail.com', 'email', 'jean.dupont@gmail.com'],
    ['signalé par @jean_dupont82 sur X', 'pseudo', '@jean_dupont82'],
    ['eau au 12 rue des Lilas', 'adresse', '12 rue des Lilas'.slice(0, 6)],
    ['maison au 3 bis avenue Jean Jaurès', 'adresse', '3 bis avenue'],
    ['12, impasse du Moulin', 'adresse', '12, impasse'],
    ['voiture AB-123-CD dans le fossé', 'plaque', 'AB-123-CD'],
    ['la 1234 XY 82 est bloquée', 'plaque', '1234 XY 82'],
    ['Jean Dupont, 78 ans, est introuvable', 'nom-age', 'Jean Dupont, 78 ans'],
    ['Mme Martin (82 ans) attend', 'nom-age', 'Mme Martin (82 ans'],
    ['Lucas, âgé de 7 ans', 'nom-age', 'Lucas, âgé de 7 ans'],
  ])('flags %j', (text, kind, match) => {
    expect(kinds(text)).toContainEqual([kind, match]);
  });

  it.each([
    'Route D927 coupée entre Moissac et Lafrançaise',
    'Numéro vert de la préfecture : 0 800 100 200',
    'En cas d’urgence, appelez le 112 ou le 18',
    'Crue du 12/03/2024 : 3 000 personnes évacuées',
    'La rue de la République est inondée',
    '3 routes coupées, 2 places d’hébergement au gymnase',
    'La RD 927, route inondée, est fermée',
    'Une femme de 82 ans a été secourue',
    'Personne âgée de 90 ans évacuée',
    'Code postal 82200, commune de Moissac',
    'rendez-vous @ la mairie à 14 h',
    'Vent à 120 km/h sur l’A62',
  ])('leaves alone %j', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('gives a French message with the match', () => {
    expect(findPersonalData('tél 06 12 34 56 78')[0]!.message).toBe('numéro de téléphone : « 06 12 34 56 78 »');
  });
});
