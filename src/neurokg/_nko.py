"""The neurokg ontology as a closed rdflib namespace (generated, do not edit).

Regenerate with ``python tools/gen_namespace.py`` after changing ``ontology/neurokg.ttl``.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class NKO(DefinedNamespace):
    """Terms of ``ontology/neurokg.ttl``; an unknown attribute raises AttributeError."""

    _fail = True
    _underscore_num = True
    _NS = Namespace("https://w3id.org/neurokg/ontology#")

    Advertised: URIRef  # individual: advertised
    AdvertisedProduct: URIRef  # class: advertised product
    AgencyPage: URIRef  # individual: agency page
    AgentType: URIRef  # class: agent type
    AnatomicalStructure: URIRef  # class: body system or anatomical structure
    Asserted: URIRef  # individual: asserted
    BodyFunction: URIRef  # class: body function
    CausalRelation: URIRef  # class: causal relation
    Cause: URIRef  # class: cause
    CaveatKind: URIRef  # class: kind of caveat
    CertaintyLevel: URIRef  # class: certainty level
    ClinicalCourse: URIRef  # class: clinical course
    Condition: URIRef  # class: condition
    CreditedSource: URIRef  # class: credited source
    DailyLifeImpact: URIRef  # class: impact on daily life
    DependenceRisk: URIRef  # individual: dependence risk
    Drug: URIRef  # class: drug
    DrugClass: URIRef  # class: drug class
    Durability: URIRef  # class: durability
    Entity: URIRef  # class: entity
    EtiologicAgent: URIRef  # class: etiologic agent
    Evidence: URIRef  # class: evidence span
    EvidenceStatus: URIRef  # class: evidence status
    Exposure: URIRef  # class: exposure
    FirstLine: URIRef  # individual: first line
    InSomeCases: URIRef  # individual: in some cases
    InferredByCurator: URIRef  # individual: inferred by curator
    Invasive: URIRef  # individual: invasive
    LastResort: URIRef  # individual: last resort
    LifestyleIntervention: URIRef  # class: lifestyle intervention
    LongLasting: URIRef  # individual: long lasting
    ManualAgent: URIRef  # individual: curated by hand
    ManualValidationOfAutomatedAgent: URIRef  # individual: proposed by a program, validated by a curator
    MayNotHelp: URIRef  # individual: may not help
    Mechanism: URIRef  # class: pathophysiological mechanism
    MechanismUnknown: URIRef  # individual: mechanism unknown
    MentalHealthEffect: URIRef  # class: mental-health effect
    NonResponders: URIRef  # individual: for non-responders
    NotFirstLine: URIRef  # individual: not first line
    Often: URIRef  # individual: often
    OftenIneffective: URIRef  # individual: often ineffective
    PainQuality: URIRef  # class: pain quality
    Phenomenon: URIRef  # class: phenomenon
    Possible: URIRef  # individual: possible
    Procedure: URIRef  # class: procedure
    Qualifier: URIRef  # class: qualifier value
    Rare: URIRef  # individual: rare
    RiskFactor: URIRef  # class: risk factor
    SevereCasesOnly: URIRef  # individual: severe cases only
    SideEffect: URIRef  # class: side effect
    SourceDocument: URIRef  # class: source document
    SourceKind: URIRef  # class: kind of source
    Stated: URIRef  # individual: stated
    Statement: URIRef  # class: statement
    Statistic: URIRef  # class: statistic
    Symptom: URIRef  # class: symptom
    Temporary: URIRef  # individual: temporary
    Therapy: URIRef  # class: therapy
    TherapyLine: URIRef  # class: line of therapy
    Treatment: URIRef  # class: treatment
    Unclear: URIRef  # individual: unclear
    WebArticle: URIRef  # individual: web article
    affectedBy: URIRef  # property: affected by
    affects: URIRef  # property: affects
    agentType: URIRef  # property: agent type
    attributedTo: URIRef  # property: attributed source
    causedBy: URIRef  # property: caused by
    causes: URIRef  # property: causes
    caveat: URIRef  # property: caveat
    caveatKind: URIRef  # property: caveat kind
    certainty: URIRef  # property: certainty
    charCount: URIRef  # property: character count
    closesCycle: URIRef  # property: closes a cycle
    complicationOf: URIRef  # property: complication of
    contentKind: URIRef  # property: kind of content
    dailyLifeImpactOf: URIRef  # property: daily-life impact of
    document: URIRef  # property: document
    durability: URIRef  # property: durability
    end: URIRef  # property: end offset
    evidence: URIRef  # property: evidence
    exampleOf: URIRef  # property: example of
    fileName: URIRef  # property: file name
    followsFrom: URIRef  # property: follows from
    hasComplication: URIRef  # property: has complication
    hasDailyLifeImpact: URIRef  # property: has daily-life impact
    hasExample: URIRef  # property: has example
    hasMechanism: URIRef  # property: has mechanism
    hasMember: URIRef  # property: has member
    hasMentalHealthEffect: URIRef  # property: has mental-health effect
    hasPart: URIRef  # property: has part
    hasRiskFactor: URIRef  # property: has risk factor
    hasSideEffect: URIRef  # property: has side effect
    hasSubtype: URIRef  # property: has subtype
    hasSymptom: URIRef  # property: has symptom
    hedge: URIRef  # property: hedge
    improvedBy: URIRef  # property: improved by
    improves: URIRef  # property: improves
    leadsTo: URIRef  # property: leads to
    lineOfTherapy: URIRef  # property: line of therapy
    lossOf: URIRef  # property: loss of
    lostIn: URIRef  # property: lost in
    managedBy: URIRef  # property: managed by
    manages: URIRef  # property: manages
    mechanismOf: URIRef  # property: mechanism of
    memberOf: URIRef  # property: member of
    mentalHealthEffectOf: URIRef  # property: mental-health effect of
    negated: URIRef  # property: negated
    partOf: URIRef  # property: part of
    population: URIRef  # property: population
    preventedBy: URIRef  # property: prevented by
    prevents: URIRef  # property: prevents
    promotional: URIRef  # property: promotional
    proposal: URIRef  # property: proposal
    proposalRule: URIRef  # property: proposal rule
    proposedBy: URIRef  # property: proposed by
    reason: URIRef  # property: reason
    reducedBy: URIRef  # property: reduced by
    reduces: URIRef  # property: reduces
    relatedTo: URIRef  # property: related to
    reviewDecision: URIRef  # property: review decision
    riskFactorFor: URIRef  # property: risk factor for
    rulesVersion: URIRef  # property: rules version
    sha256: URIRef  # property: SHA-256
    sideEffectOf: URIRef  # property: side effect of
    sourceKind: URIRef  # property: kind of source
    start: URIRef  # property: start offset
    statisticAbout: URIRef  # property: statistic about
    status: URIRef  # property: status
    strength: URIRef  # property: strength
    subtypeOf: URIRef  # property: subtype of
    surfaceForm: URIRef  # property: surface form
    symptomOf: URIRef  # property: symptom of
    text: URIRef  # property: evidence text
    titleEnd: URIRef  # property: title end offset
    titleStart: URIRef  # property: title start offset
    treatedBy: URIRef  # property: treated by
    treats: URIRef  # property: treats
    triggeredBy: URIRef  # property: triggered by
    triggers: URIRef  # property: triggers
    unit: URIRef  # property: unit
    validatedBy: URIRef  # property: validated by
    validatedOn: URIRef  # property: validated on
    value: URIRef  # property: value
    worsenedBy: URIRef  # property: worsened by
    worsens: URIRef  # property: worsens
