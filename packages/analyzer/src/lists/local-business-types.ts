/**
 * schema.org LocalBusiness and its subtypes (direct and nested, schema.org 29), for telling a
 * business's own JSON-LD block from an Organization, a WebSite or a Product.
 */
export const LOCAL_BUSINESS_TYPES: ReadonlySet<string> = new Set(
  `LocalBusiness AnimalShelter ArchiveOrganization AutomotiveBusiness ChildCare Dentist
  DryCleaningOrLaundry EmergencyService EmploymentAgency EntertainmentBusiness FinancialService
  FoodEstablishment GovernmentOffice HealthAndBeautyBusiness HomeAndConstructionBusiness InternetCafe
  LegalService Library LodgingBusiness MedicalBusiness ProfessionalService RadioStation
  RealEstateAgent RecyclingCenter SelfStorage ShoppingCenter SportsActivityLocation Store
  TelevisionStation TouristInformationCenter TravelAgency
  AutoBodyShop AutoDealer AutoPartsStore AutoRental AutoRepair AutoWash GasStation MotorcycleDealer
  MotorcycleRepair FireStation Hospital PoliceStation AdultEntertainment AmusementPark ArtGallery
  Casino ComedyClub MovieTheater NightClub AccountingService AutomatedTeller BankOrCreditUnion
  InsuranceAgency Bakery BarOrPub Brewery CafeOrCoffeeShop Distillery FastFoodRestaurant
  IceCreamShop Restaurant Winery PostOffice BeautySalon DaySpa HairSalon HealthClub NailSalon
  TattooParlor Electrician GeneralContractor HVACBusiness HousePainter Locksmith MovingCompany
  Plumber RoofingContractor Attorney Notary BedAndBreakfast Campground Hostel Hotel Motel Resort
  SkiResort VacationRental CommunityHealth Dermatology DietNutrition Emergency Geriatric Gynecologic
  MedicalClinic CovidTestingFacility Midwifery Nursing Obstetric Oncologic Optician Optometric
  Otolaryngologic Pediatric Pharmacy Physician IndividualPhysician PhysiciansOffice Physiotherapy
  PlasticSurgery Podiatric PrimaryCare Psychiatric PublicHealth BowlingAlley ExerciseGym GolfCourse
  PublicSwimmingPool SportsClub StadiumOrArena TennisComplex BikeStore BookStore ClothingStore
  ComputerStore ConvenienceStore DepartmentStore ElectronicsStore Florist FurnitureStore
  GardenStore GroceryStore HardwareStore HobbyShop HomeGoodsStore JewelryStore LiquorStore
  MensClothingStore MobilePhoneStore MovieRentalStore MusicStore OfficeEquipmentStore OutletStore
  PawnShop PetStore ShoeStore SportingGoodsStore TireShop ToyStore WholesaleStore`
    .split(/\s+/)
    .filter(Boolean),
);
