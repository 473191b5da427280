"""catalogue: the description of pieces (the catalogue record, provenance, literature),
laboratory certificates, catalogue copy in house style with its approval workflow, condition
reports and photography, and the catalogue's search. See DESIGN.md ("The parts")."""
